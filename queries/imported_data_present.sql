-- Whether the database holds analysts' imports that have not been undone (a demo rebuild would lose them).
SELECT count(*) > 0 AS present
FROM import_log
WHERE source NOT IN ('demo') AND undone_at IS NULL
