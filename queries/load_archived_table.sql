-- Load one Parquet file of a backup into the scratch table `archived`, to check it before a restore touches anything.
CREATE OR REPLACE TABLE archived AS SELECT * FROM read_parquet($path)
