-- Schema v4 → v5: presentation decks that facilitators keep (named, ordered views, one owner).
-- Frozen: this is what v5 meant on the day it shipped; later changes get their own migration.
CREATE TABLE IF NOT EXISTS deck (
    deck_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    owner VARCHAR NOT NULL,
    views VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
)
