-- The earlier import (not undone) of the same file into the same dataset, if any: the same file is not applied twice.
WITH same_file AS (
    SELECT import_id, file_name, imported_at, imported_by
    FROM import_log
    WHERE dataset = $dataset AND sha256 = $sha256 AND undone_at IS NULL
),
final AS (
    SELECT * FROM same_file ORDER BY import_id LIMIT 1
)
SELECT * FROM final
