-- Schema v2 → v3: saved column mappings, and the mapping each import used in the import log.
-- Frozen: this is what v3 meant on the day it shipped; later changes get their own migration.
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS mapping_name VARCHAR;
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS mapping VARCHAR;
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS sheet VARCHAR;
CREATE TABLE IF NOT EXISTS column_mapping (
    dataset VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    headers_signature VARCHAR NOT NULL,
    headers VARCHAR NOT NULL,
    columns VARCHAR NOT NULL,
    value_map VARCHAR NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by VARCHAR NOT NULL,
    PRIMARY KEY (dataset, name)
)
