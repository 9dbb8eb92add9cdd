-- Save (or replace) a presentation deck.
INSERT OR REPLACE INTO deck VALUES ($deck_id, $deck_name, $owner, $views, $created_at, $updated_at)
