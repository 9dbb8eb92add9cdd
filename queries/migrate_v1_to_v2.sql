-- Schema v1 → v2: add schema_history, the record of when and by which app version the schema was created or upgraded.
-- Frozen: this is what v2 meant on the day it shipped; later changes get their own migration.
CREATE TABLE IF NOT EXISTS schema_history (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL,
    applied_by VARCHAR NOT NULL,
    app_version VARCHAR,
    description VARCHAR NOT NULL
)
