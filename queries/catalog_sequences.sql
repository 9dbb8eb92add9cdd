-- The sequences of the open database and the last number each handed out (NULL if never used).
SELECT sequence_name, last_value
FROM duckdb_sequences()
WHERE database_name = current_database() AND schema_name = 'main'
ORDER BY sequence_name
