-- Set the database's schema version (meta) after creating or upgrading its schema.
INSERT OR REPLACE INTO meta VALUES ('schema_version', CAST($version AS VARCHAR))
