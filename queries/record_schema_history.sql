-- Note in schema_history who brought the database to a schema version, when, and with which app version.
INSERT OR REPLACE INTO schema_history VALUES ($version, localtimestamp, $user, $app_version, $description)
