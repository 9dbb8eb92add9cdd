-- Write one table to a Parquet file, rows in a fixed order so the same data gives the same file.
COPY (SELECT * FROM query_table($table) ORDER BY ALL) TO $path (FORMAT parquet, COMPRESSION zstd)
