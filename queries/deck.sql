-- One presentation deck by its id (no row when there is none).
WITH final AS (
    SELECT deck_id, name, owner, views, created_at, updated_at
    FROM deck
    WHERE deck_id = $deck_id
)
SELECT * FROM final
