-- Lines of an incoming links file (view incoming_link_rows: line, household_id, municipality_code, linked_date, ended_date) whose household was housed in that municipality before its linked date ($check = 'before_linked') or on or after its end date ($check = 'after_ended').
WITH housed AS (
    SELECT household_id, municipality_code, min(move_in_date) AS housed_on
    FROM placements
    GROUP BY ALL
),
flagged AS (
    SELECT i.line, i.household_id || ' in ' || i.municipality_code AS value
    FROM incoming_link_rows AS i
    JOIN housed AS h USING (household_id, municipality_code)
    WHERE ($check = 'before_linked' AND h.housed_on < i.linked_date)
       OR ($check = 'after_ended' AND i.ended_date IS NOT NULL AND h.housed_on >= i.ended_date)
),
final AS (
    SELECT count(*) AS lines,
           count(DISTINCT value) AS values,
           list(line ORDER BY line)[1:5] AS example_lines,
           list(value ORDER BY line)[1:5] AS example_values
    FROM flagged
)
SELECT * FROM final
