-- Households and persons housed: households whose first placement's move-in falls in the period, per group.
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
        sum(household_size)::BIGINT AS persons
    FROM pathway
    GROUP BY ALL
)
SELECT * FROM final ORDER BY ALL
