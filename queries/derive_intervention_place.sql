-- Derived table: every intervention with its place (project, else municipality), its 12-month window and its place's dominant housing form.
CREATE OR REPLACE TABLE intervention_place AS
WITH located AS (
    SELECT
        i.*,
        coalesce(m.successor_code, i.municipality_code) AS current_code,
        coalesce(s.municipality_name, m.municipality_name, i.municipality_code) AS current_name,
        coalesce(s.province, m.province) AS current_province,
        (i.start_date - INTERVAL 6 MONTH)::DATE AS window_from,
        (i.start_date + INTERVAL 6 MONTH)::DATE AS window_to
    FROM interventions AS i
    LEFT JOIN municipalities AS m ON m.municipality_code = i.municipality_code
    LEFT JOIN municipalities AS s ON s.municipality_code = m.successor_code
),
place_forms AS (
    -- The form most households in the place lived in during the window; else the form it housed most ever.
    SELECT
        l.intervention_id,
        sp.housing_form,
        row_number() OVER (
            PARTITION BY l.intervention_id
            ORDER BY
                count(DISTINCT sp.household_id) FILTER (
                    WHERE sp.move_in_date < l.window_to AND coalesce(sp.move_out_date, DATE '9999-12-31') > l.window_from
                ) DESC,
                count(DISTINCT sp.household_id) DESC,
                sp.housing_form
        ) AS dominance
    FROM located AS l
    JOIN placement_spell AS sp
      ON sp.municipality_code = l.current_code
     AND (l.project IS NULL OR sp.project = l.project)
    GROUP BY l.intervention_id, sp.housing_form
),
final AS (
    SELECT
        l.intervention_id,
        l.type,
        l.current_code AS municipality_code,
        coalesce(names.municipality_name, l.current_name) AS municipality_name,
        l.current_province AS province,
        l.corporation,
        l.project,
        CASE WHEN l.project IS NULL THEN 'municipality' ELSE 'project' END AS scope,
        l.start_date,
        l.end_date,
        l.description,
        l.window_from,
        l.window_to,
        f.housing_form
    FROM located AS l
    LEFT JOIN place_forms AS f ON f.intervention_id = l.intervention_id AND f.dominance = 1
    LEFT JOIN (
        SELECT municipality_code, min(municipality_name) AS municipality_name FROM placement_spell GROUP BY 1
    ) AS names ON names.municipality_code = l.current_code
)
SELECT * FROM final
