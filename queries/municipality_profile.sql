-- Per municipality: population and total quota target over the chosen half-years (for finding peers).
WITH targets AS (
    SELECT municipality_code, sum(target) AS target
    FROM quota
    WHERE period >= $period_from AND period <= $period_to
    GROUP BY municipality_code
),
final AS (
    SELECT m.municipality_code, m.municipality_name, m.province, m.population, t.target
    FROM municipalities AS m
    LEFT JOIN targets AS t USING (municipality_code)
    WHERE m.successor_code IS NULL
)
SELECT * FROM final ORDER BY municipality_code
