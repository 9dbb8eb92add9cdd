-- Delete a presentation deck.
DELETE FROM deck WHERE deck_id = $deck_id
