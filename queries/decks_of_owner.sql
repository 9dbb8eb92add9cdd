-- The presentation decks one person made, most recently changed first.
WITH final AS (
    SELECT deck_id, name, owner, views, created_at, updated_at
    FROM deck
    WHERE owner = $owner
)
SELECT * FROM final ORDER BY updated_at DESC, name
