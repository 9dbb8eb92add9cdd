-- Days waited so far by every link on the waiting list at the reference date, under the filters (for the bands of the Wachtenden page).
WITH linked AS (
    SELECT *
    FROM filtered_links([], $date_from, $date_to, $municipalities, $provinces, $household_types)
),
final AS (
    SELECT date_diff('day', linked_date, $reference_date::DATE) AS days_waiting
    FROM linked
    WHERE linked_date <= $reference_date
      AND (housed_on IS NULL OR housed_on > $reference_date)
      AND (ended_date IS NULL OR ended_date > $reference_date)
)
SELECT * FROM final ORDER BY days_waiting
