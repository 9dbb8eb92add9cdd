-- What kind of database this is: whether it has the meta table and other tables, and its recorded schema version.
WITH tables AS (
    SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
),
final AS (
    SELECT
        (SELECT count(*) FROM tables WHERE table_name = 'meta') > 0 AS has_meta,
        (SELECT count(*) FROM tables) AS table_count
)
SELECT * FROM final
