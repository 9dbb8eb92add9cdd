-- Waiting time from permit to first dwelling in days (median, P25, P75 as continuous quantiles) per group.
WITH pathway AS (
    SELECT *
    FROM filtered_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types
    )
),
final AS (
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        count(*) AS households,
        quantile_cont(waiting_days, 0.5) AS median_days,
        quantile_cont(waiting_days, 0.25) AS p25_days,
        quantile_cont(waiting_days, 0.75) AS p75_days
    FROM pathway
    GROUP BY ALL
)
SELECT * FROM final ORDER BY ALL
