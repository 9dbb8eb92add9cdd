-- Per household under the filters: days from permit to its first permanent home (event) or to censoring at the reference date or departure.
WITH pathway AS (
    SELECT *
    FROM filtered_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types
    )
    -- Only households housed by the reference date; later facts are not known yet on that date.
    WHERE first_move_in <= $reference_date
),
observed AS (
    SELECT
        *,
        permanent_on IS NOT NULL AND permanent_on <= $reference_date AS event,
        CASE
            WHEN permanent_on IS NOT NULL AND permanent_on <= $reference_date THEN permanent_on
            -- Still waiting: followed until the reference date, or until they left the data before it.
            WHEN left_on IS NOT NULL AND left_on < $reference_date THEN left_on
            ELSE $reference_date::DATE
        END AS observed_until
    FROM pathway
),
final AS (
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        household_id,
        event,
        date_diff('day', permit_date, observed_until) AS duration_days
    FROM observed
)
SELECT * FROM final ORDER BY ALL
