-- The base tables of the open database (not temporary), from DuckDB's catalog: what a backup holds.
SELECT table_name
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
ORDER BY table_name
