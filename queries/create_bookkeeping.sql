-- Bookkeeping tables: schema metadata, the log of every import, demo load and restore, saved column mappings and decks.
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1;
CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER PRIMARY KEY DEFAULT nextval('import_id_seq'),
    dataset VARCHAR NOT NULL,
    file_name VARCHAR,
    sha256 VARCHAR,
    rows_added INTEGER NOT NULL DEFAULT 0,
    rows_updated INTEGER NOT NULL DEFAULT 0,
    imported_at TIMESTAMP NOT NULL,
    imported_by VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    undone_at TIMESTAMP,
    undone_by VARCHAR,
    mapping_name VARCHAR,
    mapping VARCHAR,
    sheet VARCHAR
);
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
);
-- A facilitator's presentation deck: views is a JSON list of view links ('/path?query'), in presenting order.
CREATE TABLE IF NOT EXISTS deck (
    deck_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    owner VARCHAR NOT NULL,
    views VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- An empty selection list means "no filter": every filtered query uses this one rule.
CREATE OR REPLACE MACRO in_filter(selection, value) AS (len(selection) = 0 OR list_contains(selection, value));
