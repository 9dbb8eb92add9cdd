-- Record an accepted import in the log (with the column mapping and sheet it used) and return its number.
INSERT INTO import_log (dataset, file_name, sha256, rows_added, rows_updated, imported_at, imported_by, source,
                        mapping_name, mapping, sheet)
VALUES ($dataset, $file_name, $sha256, $rows_added, $rows_updated, localtimestamp, $user, $source,
        $mapping_name, $mapping, $sheet)
RETURNING import_id
