-- Forget the import history: used when all datasets are replaced at once (demo data, restore).
DELETE FROM import_log
