-- Inhabitants per municipality from the reference table (today's municipalities only; NULL where unknown).
WITH reference AS (
    SELECT municipality_code, municipality_name, province, population
    FROM municipalities
    WHERE successor_code IS NULL
),
final AS (
    SELECT municipality_code, municipality_name, province, population::BIGINT AS population
    FROM reference
)
SELECT * FROM final ORDER BY municipality_code
