-- The reference date (peildatum): the latest date present in the data (kept in data_facts by every write).
SELECT reference_date FROM data_facts
