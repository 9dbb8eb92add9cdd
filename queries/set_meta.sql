-- Set one meta entry.
INSERT OR REPLACE INTO meta VALUES ($key, $value)
