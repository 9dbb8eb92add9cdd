-- Kaplan–Meier input per group: for each duration (days from permit), households leaving follow-up then (removed) and how many of them found a permanent home (died).
WITH final AS (
    -- The same durations as permanent_housing_durations, counted: a few thousand rows instead of one per household.
    -- Only the requested grouping columns (a municipality with its name) are grouped by and travel: hashing the
    -- unused, empty ones too cost half the query at a thousand groups.
    SELECT
        COLUMNS(lambda c: starts_with(c, 'g_') AND (
            list_contains($by, c[3:]) OR (c = 'g_municipality_name' AND list_contains($by, 'municipality_code'))
            -- COLUMNS may not come out empty: without a grouping one empty column stands in (dropped in Python).
            OR (len($by) = 0 AND c = 'g_period')
        )),
        duration_days,
        count(*) AS removed,
        count(*) FILTER (WHERE event) AS died
    FROM observed_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types, $reference_date
    )
    GROUP BY ALL
)
-- Unordered: survival._steps sorts by group and duration itself (sorting here too cost a quarter of the query).
SELECT COLUMNS('^g_(.*)$') AS '\1', duration_days, removed, died
FROM final
