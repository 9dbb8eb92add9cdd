-- Record an accepted import in the log and return its number.
INSERT INTO import_log (dataset, file_name, sha256, rows_added, rows_updated, imported_at, imported_by, source)
VALUES ($dataset, $file_name, $sha256, $rows_added, $rows_updated, localtimestamp, $user, $source)
RETURNING import_id
