-- Kaplan–Meier input for time to a home after linking, per group: for each duration (days from linking), links leaving follow-up then (removed) and how many of them were housed (died).
WITH linked AS (
    SELECT *
    FROM filtered_links($by, $date_from, $date_to, $municipalities, $provinces, $household_types)
    WHERE linked_date <= $reference_date
),
observed AS (
    SELECT
        *,
        -- A home counts even on or after the link's end date: the link was housed, not ended.
        housed_on IS NOT NULL AND housed_on <= $reference_date AS event,
        CASE
            -- Housed before linking: 0 days.
            WHEN housed_on IS NOT NULL AND housed_on <= $reference_date THEN greatest(housed_on, linked_date)
            WHEN ended_date IS NOT NULL AND ended_date <= $reference_date THEN ended_date
            ELSE $reference_date::DATE
        END AS observed_until
    FROM linked
),
final AS (
    SELECT
        COLUMNS(lambda c: starts_with(c, 'g_') AND (
            list_contains($by, c[3:]) OR (c = 'g_municipality_name' AND list_contains($by, 'municipality_code'))
            -- COLUMNS may not come out empty: without a grouping one empty column stands in (dropped in Python).
            OR (len($by) = 0 AND c = 'g_period')
        )),
        date_diff('day', linked_date, observed_until) AS duration_days,
        count(*) AS removed,
        count(*) FILTER (WHERE event) AS died
    FROM observed
    GROUP BY ALL
)
SELECT COLUMNS('^g_(.*)$') AS '\1', duration_days, removed, died
FROM final
