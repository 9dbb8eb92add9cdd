-- The schema version recorded in meta (NULL when the entry is missing).
SELECT max(value) AS version FROM meta WHERE key = 'schema_version'
