-- Bookkeeping tables: schema metadata and the log of every import, demo load and restore.
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
    undone_by VARCHAR
);
-- An empty selection list means "no filter": every filtered query uses this one rule.
CREATE OR REPLACE MACRO in_filter(selection, value) AS (len(selection) = 0 OR list_contains(selection, value));
