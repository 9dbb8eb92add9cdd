-- Schema v3 → v4: add the links dataset (koppelingen) and its undo history.
-- Frozen: this is what v4 meant on the day it shipped; later changes get their own migration.
CREATE TABLE IF NOT EXISTS links (
    household_id VARCHAR NOT NULL,
    municipality_code VARCHAR NOT NULL,
    permit_date DATE NOT NULL,
    linked_date DATE NOT NULL,
    household_type VARCHAR NOT NULL,
    household_size INTEGER NOT NULL,
    ended_date DATE,
    end_reason VARCHAR,
    PRIMARY KEY (household_id, municipality_code)
);
CREATE TABLE IF NOT EXISTS history_links (
    import_id INTEGER NOT NULL,
    change VARCHAR NOT NULL,
    household_id VARCHAR,
    municipality_code VARCHAR,
    permit_date DATE,
    linked_date DATE,
    household_type VARCHAR,
    household_size INTEGER,
    ended_date DATE,
    end_reason VARCHAR
)
