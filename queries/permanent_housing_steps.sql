-- Kaplan–Meier input per group: for each duration (days from permit), households leaving follow-up then (removed) and how many of them found a permanent home (died).
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
    -- The same durations as permanent_housing_durations, counted: a few thousand rows instead of one per household.
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        date_diff('day', permit_date, observed_until) AS duration_days,
        count(*) AS removed,
        count(*) FILTER (WHERE event) AS died
    FROM observed
    GROUP BY ALL
)
SELECT * FROM final ORDER BY ALL
