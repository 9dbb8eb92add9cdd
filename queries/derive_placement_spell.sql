-- Derived table: every placement as a spell of residence (exposure for rates), municipality rolled up to today's.
CREATE OR REPLACE TABLE placement_spell AS
WITH named AS (
    -- One name per code, so a code never splits into two groups over a spelling difference.
    SELECT municipality_code, min(municipality_name) AS municipality_name
    FROM placements
    WHERE municipality_name IS NOT NULL
    GROUP BY municipality_code
),
final AS (
    SELECT
        p.placement_id,
        p.household_id,
        coalesce(m.successor_code, p.municipality_code) AS municipality_code,
        coalesce(s.municipality_name, m.municipality_name, named.municipality_name, p.municipality_code) AS municipality_name,
        coalesce(s.province, m.province) AS province,
        p.corporation,
        p.project,
        p.housing_form,
        p.permanent,
        p.household_type,
        p.household_size,
        p.move_in_date,
        p.move_out_date,
        -- The household's only spell: counting households over such spells needs no distinct (nuisance, interventions).
        moved.household_id IS NULL AS only_spell
    FROM placements AS p
    LEFT JOIN municipalities AS m ON m.municipality_code = p.municipality_code
    LEFT JOIN municipalities AS s ON s.municipality_code = m.successor_code
    LEFT JOIN named ON named.municipality_code = p.municipality_code
    -- A hash join on the few households with more spells: cheaper than a window over every placement.
    LEFT JOIN (SELECT household_id FROM placements GROUP BY household_id HAVING count(*) > 1) AS moved
      ON moved.household_id = p.household_id
)
SELECT * FROM final
