-- Every meta entry (schema version and any other database-wide setting).
SELECT key, value FROM meta ORDER BY key
