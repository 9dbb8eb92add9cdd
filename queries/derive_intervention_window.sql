-- Derived table: every intervention's 6-month windows before and after its start up to the reference date, as
-- intervention_windows.sql gives them without filters. An effect does not depend on the page's filters, so the
-- pages and the measure read it from here instead of joining every comparable place again.
CREATE OR REPLACE TABLE intervention_window AS
SELECT *
FROM intervention_windows(
    DATE '1900-01-01', DATE '2999-12-31', [], [], [], [], [], [],
    6, (SELECT observed_until FROM data_facts)
)
