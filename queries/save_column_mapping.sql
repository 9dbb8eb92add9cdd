-- Save (or replace) a named column mapping of a dataset.
INSERT OR REPLACE INTO column_mapping
VALUES ($dataset, $mapping_name, $headers_signature, $headers, $columns, $value_map, localtimestamp, $user)
