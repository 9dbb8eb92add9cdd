-- How many rows each dataset holds now (the Data page shows what is in the database).
WITH counts AS (
    SELECT 'placements' AS dataset, count(*) AS rows FROM placements
    UNION ALL SELECT 'nuisance', count(*) FROM nuisance
    UNION ALL SELECT 'integration', count(*) FROM integration
    UNION ALL SELECT 'quota', count(*) FROM quota
    UNION ALL SELECT 'interventions', count(*) FROM interventions
    UNION ALL SELECT 'goals', count(*) FROM goals
    UNION ALL SELECT 'municipalities', count(*) FROM municipalities
),
final AS (
    SELECT dataset, rows FROM counts
)
SELECT * FROM final
