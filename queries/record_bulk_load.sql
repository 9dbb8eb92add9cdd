-- Record a load that replaced every dataset at once (demo data or restore).
INSERT INTO import_log (dataset, rows_added, imported_at, imported_by, source)
VALUES ('*', $rows, localtimestamp, $user, $source)
