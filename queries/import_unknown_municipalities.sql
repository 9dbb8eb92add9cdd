-- Lines of an incoming file (view incoming_links: line, value) naming a municipality code that neither the municipalities table nor the file itself (view incoming_known: value) has.
WITH known AS (
    SELECT municipality_code AS value FROM municipalities
    UNION
    SELECT value FROM incoming_known
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
