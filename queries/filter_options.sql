-- What the sidebar can offer: every municipality, corporation, project and half-year present in the data.
WITH pathway AS (
    SELECT municipality_code, municipality_name, province, corporation, project, period
    FROM household_pathway
),
final AS (
    SELECT 'municipality' AS kind, municipality_code AS value, any_value(municipality_name) AS label,
           any_value(province) AS parent, NULL AS corporation
    FROM pathway GROUP BY municipality_code
    UNION ALL
    SELECT 'corporation', corporation, corporation, NULL, NULL
    FROM pathway WHERE corporation IS NOT NULL GROUP BY corporation
    UNION ALL
    -- A project belongs to the municipality and corporation that house most of its households.
    SELECT 'project', project, project, mode(municipality_code), mode(corporation)
    FROM pathway WHERE project IS NOT NULL GROUP BY project
    UNION ALL
    SELECT 'period', period, period, NULL, NULL FROM pathway GROUP BY period
)
SELECT * FROM final ORDER BY kind, label
