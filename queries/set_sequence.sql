-- Continue a sequence after the given number (a restored import log keeps its ids; new imports follow on).
SELECT setval($sequence, $value) AS last_value
