-- Lines of an incoming placements file (view incoming_placements: line, household_id, municipality_code) whose household + municipality has no link; nothing while no links are imported.
WITH unlinked AS (
    SELECT line, household_id || ' in ' || municipality_code AS value
    FROM incoming_placements AS i
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
