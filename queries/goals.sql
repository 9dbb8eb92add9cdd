-- The goals whose scope touches the selected places and organisations (an empty list selects all), with the municipality's name.
WITH final AS (
    SELECT
        g.goal_id,
        g.municipality_code,
        m.municipality_name,
        m.province,
        g.corporation,
        g.project,
        g.housing_form,
        g.measure,
        g.direction,
        g.target,
        g.period_start,
        g.period_end,
        g.description
    FROM goals AS g
    LEFT JOIN municipalities AS m USING (municipality_code)
    WHERE in_filter($municipalities, g.municipality_code)
      AND in_filter($provinces, m.province)
      AND in_filter($corporations, g.corporation)
      AND in_filter($projects, g.project)
)
SELECT * FROM final ORDER BY goal_id
