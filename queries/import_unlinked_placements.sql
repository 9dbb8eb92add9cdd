-- Lines of an incoming placements file (view incoming_placements: line, household_id, municipality_code, move_in_date) holding a household's first home in a municipality it has no link with; nothing while no links are imported. Later moves are the household's own, not a link's.
WITH first_home AS (
    SELECT household_id, min(move_in_date) AS first_move_in
    FROM (
        SELECT household_id, move_in_date FROM placements
        UNION ALL
        SELECT household_id, move_in_date FROM incoming_placements
    )
    GROUP BY ALL
),
unlinked AS (
    SELECT i.line, i.household_id || ' in ' || i.municipality_code AS value
    FROM incoming_placements AS i
    JOIN first_home AS f ON f.household_id = i.household_id AND f.first_move_in = i.move_in_date
    WHERE EXISTS (SELECT 1 FROM links)
      AND NOT EXISTS (
          SELECT 1 FROM links AS k
          WHERE k.household_id = i.household_id AND k.municipality_code = i.municipality_code
      )
),
final AS (
    SELECT count(*) AS lines,
           count(DISTINCT value) AS values,
           list(line ORDER BY line)[1:5] AS example_lines,
           list(value ORDER BY line)[1:5] AS example_values
    FROM unlinked
)
SELECT * FROM final
