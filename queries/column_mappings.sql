-- The saved column mappings of a dataset (every dataset when $dataset is empty), newest first.
WITH final AS (
    SELECT dataset, name, headers_signature, headers, columns, value_map, saved_at, saved_by
    FROM column_mapping
    WHERE $dataset = '' OR dataset = $dataset
)
SELECT * FROM final ORDER BY saved_at DESC, name
