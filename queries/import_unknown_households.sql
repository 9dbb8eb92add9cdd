-- Lines of an incoming file (view incoming_links: line, value) naming a household that no placement has.
WITH known AS (
    SELECT DISTINCT household_id AS value FROM placements
),
unknown AS (
    SELECT line, value FROM incoming_links ANTI JOIN known USING (value)
),
final AS (
    SELECT count(*) AS lines,
           count(DISTINCT value) AS values,
           list(line ORDER BY line)[1:5] AS example_lines,
           list(value ORDER BY line)[1:5] AS example_values
    FROM unknown
)
SELECT * FROM final
