-- Kaplan–Meier input per group: for each duration (days from permit), households leaving follow-up then (removed) and how many of them found a permanent home (died).
WITH final AS (
    -- The same durations as permanent_housing_durations, counted: a few thousand rows instead of one per household.
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        duration_days,
        count(*) AS removed,
        count(*) FILTER (WHERE event) AS died
    FROM observed_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types, $reference_date
    )
    GROUP BY ALL
)
-- Only the requested grouping columns travel (a municipality with its name): at a thousand groups the rows are many.
SELECT COLUMNS(lambda c: list_contains($by, c) OR (c = 'municipality_name' AND list_contains($by, 'municipality_code'))
               OR c IN ('duration_days', 'removed', 'died'))
FROM final
ORDER BY ALL
