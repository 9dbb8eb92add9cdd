-- Per household under the filters: days from permit to its first permanent home (event) or to censoring at the reference date or departure.
WITH final AS (
    SELECT COLUMNS('^g_(.*)$') AS '\1', household_id, event, duration_days
    FROM observed_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types, $reference_date
    )
)
SELECT * FROM final ORDER BY ALL
