-- The record of every schema version this database was created at or upgraded to (since v2).
CREATE TABLE IF NOT EXISTS schema_history (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL,
    applied_by VARCHAR NOT NULL,
    app_version VARCHAR,
    description VARCHAR NOT NULL
)
