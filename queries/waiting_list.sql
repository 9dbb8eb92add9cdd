-- The waiting list (wachtenden) per group at each moment: links linked by then, neither housed nor ended by then; households, persons, median days waiting, households over the norm.
WITH moments AS (
    SELECT unnest($moments::DATE[]) AS moment
),
linked AS (
    SELECT *
    FROM filtered_links($by, $date_from, $date_to, $municipalities, $provinces, $household_types)
),
spans AS (
    -- Off the list from the first of its housing and end dates: one bound, so DuckDB joins the ranges (IEJoin)
    -- instead of testing every link at every month's end (4x faster at national scale).
    SELECT *, least(coalesce(housed_on, DATE '2999-12-31'), coalesce(ended_date, DATE '2999-12-31')) AS leaves
    FROM linked
),
waiting AS (
    SELECT spans.*, moments.moment, date_diff('day', spans.linked_date, moments.moment) AS days_waiting
    FROM spans
    JOIN moments ON spans.linked_date <= moments.moment AND spans.leaves > moments.moment
),
counted AS (
    SELECT
        COLUMNS('^g_'),
        moment,
        count(*) AS households,
        sum(household_size)::BIGINT AS persons,
        quantile_cont(days_waiting, 0.5) AS median_days_waiting,
        count(*) FILTER (WHERE days_waiting > $norm_days) AS over_norm_households
    FROM waiting
    GROUP BY ALL
),
-- Every group with links under the filters, at every moment: a group without anyone waiting shows 0, not nothing.
grid AS (
    SELECT *
    FROM (SELECT DISTINCT COLUMNS('^g_') FROM linked)
    CROSS JOIN moments
),
final AS (
    SELECT
        grid.*,
        coalesce(counted.households, 0) AS households,
        coalesce(counted.persons, 0) AS persons,
        counted.median_days_waiting,
        coalesce(counted.over_norm_households, 0) AS over_norm_households
    FROM grid
    LEFT JOIN counted
      ON grid.moment = counted.moment
     AND grid.g_period IS NOT DISTINCT FROM counted.g_period
     AND grid.g_year IS NOT DISTINCT FROM counted.g_year
     AND grid.g_province IS NOT DISTINCT FROM counted.g_province
     AND grid.g_municipality_code IS NOT DISTINCT FROM counted.g_municipality_code
     AND grid.g_municipality_name IS NOT DISTINCT FROM counted.g_municipality_name
     AND grid.g_household_type IS NOT DISTINCT FROM counted.g_household_type
)
SELECT COLUMNS('^g_(.*)$') AS '\1', moment, households, persons, median_days_waiting, over_norm_households
FROM final
ORDER BY ALL
