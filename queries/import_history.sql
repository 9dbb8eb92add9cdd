-- Every import, demo load and undo in the log, newest first, with the column mapping and sheet it used.
WITH final AS (
    SELECT import_id, dataset, file_name, sha256, rows_added, rows_updated, imported_at, imported_by, source,
           undone_at, undone_by, mapping_name, sheet
    FROM import_log
)
SELECT * FROM final ORDER BY import_id DESC
