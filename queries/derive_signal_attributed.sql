-- Derived table: every nuisance signal with housing form, corporation and project resolved (its own columns, else its household's placement active on reported_on).
CREATE OR REPLACE TABLE signal_attributed AS
WITH active_placement AS (
    -- A move day belongs to the new dwelling: a placement is active from move_in_date up to, not including, move_out_date.
    SELECT
        n.signal_id,
        sp.corporation,
        sp.project,
        sp.housing_form,
        sp.household_type,
        row_number() OVER (PARTITION BY n.signal_id ORDER BY sp.move_in_date DESC, sp.placement_id DESC) AS recency
    FROM nuisance AS n
    JOIN placement_spell AS sp
      ON sp.household_id = n.household_id
     AND sp.move_in_date <= n.reported_on
     AND (sp.move_out_date IS NULL OR n.reported_on < sp.move_out_date)
),
spell_names AS (
    -- Signals carry the same municipality name as the spells, so signals and exposure meet in one group.
    SELECT municipality_code, min(municipality_name) AS municipality_name
    FROM placement_spell
    GROUP BY municipality_code
),
located AS (
    SELECT
        n.*,
        coalesce(m.successor_code, n.municipality_code) AS current_code,
        coalesce(s.municipality_name, m.municipality_name) AS reference_name,
        coalesce(s.province, m.province) AS current_province
    FROM nuisance AS n
    LEFT JOIN municipalities AS m ON m.municipality_code = n.municipality_code
    LEFT JOIN municipalities AS s ON s.municipality_code = m.successor_code
),
final AS (
    SELECT
        l.signal_id,
        l.reported_on,
        l.resolved_on,
        l.category,
        l.severity,
        l.source,
        l.household_id,
        l.current_code AS municipality_code,
        coalesce(sn.municipality_name, l.reference_name, l.current_code) AS municipality_name,
        l.current_province AS province,
        coalesce(l.corporation, a.corporation) AS corporation,
        coalesce(l.project, a.project) AS project,
        coalesce(l.housing_form, a.housing_form) AS housing_form,
        a.household_type,
        CASE
            WHEN l.housing_form IS NOT NULL THEN 'signal'
            WHEN a.housing_form IS NOT NULL THEN 'placement'
        END AS housing_form_from
    FROM located AS l
    LEFT JOIN active_placement AS a ON a.signal_id = l.signal_id AND a.recency = 1
    LEFT JOIN spell_names AS sn ON sn.municipality_code = l.current_code
)
SELECT * FROM final
