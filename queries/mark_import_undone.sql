-- Mark an import as undone (its rows have been restored to their previous state).
UPDATE import_log SET undone_at = localtimestamp, undone_by = $user WHERE import_id = $import_id
