-- Derived table: one row per household with its first placement, waiting time and first permanent home.
CREATE OR REPLACE TABLE household_pathway AS
WITH placements_ranked AS (
    SELECT
        p.*,
        row_number() OVER (PARTITION BY household_id ORDER BY move_in_date, placement_id) AS seq_first,
        row_number() OVER (PARTITION BY household_id ORDER BY move_in_date DESC, placement_id DESC) AS seq_last
    FROM placements AS p
),
first_placement AS (
    SELECT * FROM placements_ranked WHERE seq_first = 1
),
last_placement AS (
    SELECT household_id, move_out_date AS left_on FROM placements_ranked WHERE seq_last = 1
),
first_permanent AS (
    SELECT household_id, min(move_in_date) AS permanent_on
    FROM placements
    WHERE permanent
    GROUP BY household_id
),
final AS (
    SELECT
        f.household_id,
        f.placement_id AS first_placement_id,
        -- Figures of merged municipalities roll up into today's municipality.
        coalesce(m.successor_code, f.municipality_code) AS municipality_code,
        coalesce(s.municipality_name, m.municipality_name, f.municipality_name, f.municipality_code) AS municipality_name,
        coalesce(s.province, m.province) AS province,
        f.corporation,
        f.project,
        f.housing_form,
        f.permanent AS first_is_permanent,
        f.household_type,
        f.household_size,
        f.permit_date,
        f.move_in_date AS first_move_in,
        date_diff('day', f.permit_date, f.move_in_date) AS waiting_days,
        fp.permanent_on,
        l.left_on,
        year(f.move_in_date) AS year,
        year(f.move_in_date) || '-H' || CASE WHEN month(f.move_in_date) <= 6 THEN '1' ELSE '2' END AS period
    FROM first_placement AS f
    LEFT JOIN first_permanent AS fp USING (household_id)
    LEFT JOIN last_placement AS l USING (household_id)
    LEFT JOIN municipalities AS m ON m.municipality_code = f.municipality_code
    LEFT JOIN municipalities AS s ON s.municipality_code = m.successor_code
)
SELECT * FROM final
