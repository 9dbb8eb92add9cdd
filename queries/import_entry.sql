-- One import in the log, by its number.
WITH final AS (
    SELECT import_id, dataset, file_name, rows_added, rows_updated, imported_at, imported_by, source, undone_at, undone_by
    FROM import_log
    WHERE import_id = $import_id
)
SELECT * FROM final
