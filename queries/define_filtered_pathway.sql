-- Table macro: household pathways under the shared filters, with g_* columns for the requested grouping.
CREATE OR REPLACE MACRO filtered_pathway(
    grouping, date_from, date_to, municipalities, provinces, corporations, projects, housing_forms, household_types
) AS TABLE
WITH filtered AS (
    SELECT *
    FROM household_pathway
    WHERE first_move_in >= date_from
      AND first_move_in < date_to
      AND in_filter(municipalities, municipality_code)
      AND in_filter(provinces, province)
      AND in_filter(corporations, corporation)
      AND in_filter(projects, project)
      AND in_filter(housing_forms, housing_form)
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
        CASE WHEN list_contains(grouping, 'corporation') THEN corporation END AS g_corporation,
        CASE WHEN list_contains(grouping, 'project') THEN project END AS g_project,
        CASE WHEN list_contains(grouping, 'housing_form') THEN housing_form END AS g_housing_form,
        CASE WHEN list_contains(grouping, 'household_type') THEN household_type END AS g_household_type,
        filtered.*
    FROM filtered
)
SELECT * FROM final
