-- Households and persons per calendar month of their first home under the filters: the quota's half-year month by month.
WITH pathway AS (
    SELECT *
    FROM filtered_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types
    )
),
final AS (
    SELECT
        CAST(date_trunc('month', first_move_in) AS DATE) AS month,
        count(*) AS households,
        sum(household_size)::BIGINT AS persons
    FROM pathway
    GROUP BY ALL
)
SELECT * FROM final ORDER BY month
