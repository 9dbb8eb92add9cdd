-- Table macro: links under the filters that apply to them (linked_date in the period, places, household type), with g_* columns for the requested grouping.
CREATE OR REPLACE MACRO filtered_links(
    grouping, date_from, date_to, municipalities, provinces, household_types
) AS TABLE
WITH filtered AS (
    SELECT *
    FROM link_status
    WHERE linked_date >= date_from
      AND linked_date < date_to
      AND in_filter(municipalities, municipality_code)
      AND in_filter(provinces, province)
      AND in_filter(household_types, household_type)
),
final AS (
    SELECT
        -- A dimension not asked for is one NULL value, so GROUP BY ALL ignores it.
        CASE WHEN list_contains(grouping, 'period') THEN period END AS g_period,
        CASE WHEN list_contains(grouping, 'year') THEN year END AS g_year,
        CASE WHEN list_contains(grouping, 'province') THEN province END AS g_province,
        CASE WHEN list_contains(grouping, 'municipality_code') THEN municipality_code END AS g_municipality_code,
        CASE WHEN list_contains(grouping, 'municipality_code') THEN municipality_name END AS g_municipality_name,
        CASE WHEN list_contains(grouping, 'household_type') THEN household_type END AS g_household_type,
        filtered.*
    FROM filtered
)
SELECT * FROM final;
