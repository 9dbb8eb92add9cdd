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
SELECT * FROM final;

-- Table macro: the filtered pathways housed by the reference date, each with its follow-up for time to a permanent
-- home: event (found one by the reference date), observed_until and duration_days from the permit.
CREATE OR REPLACE MACRO observed_pathway(
    grouping, date_from, date_to, municipalities, provinces, corporations, projects, housing_forms, household_types,
    reference_date
) AS TABLE
WITH pathway AS (
    SELECT *
    FROM filtered_pathway(
        grouping, date_from, date_to, municipalities, provinces, corporations, projects, housing_forms, household_types
    )
    -- Only households housed by the reference date; later facts are not known yet on that date.
    WHERE first_move_in <= reference_date
),
observed AS (
    SELECT
        *,
        permanent_on IS NOT NULL AND permanent_on <= reference_date AS event,
        CASE
            WHEN permanent_on IS NOT NULL AND permanent_on <= reference_date THEN permanent_on
            -- Still waiting: followed until the reference date, or until they left the data before it.
            WHEN left_on IS NOT NULL AND left_on < reference_date THEN left_on
            ELSE reference_date::DATE
        END AS observed_until
    FROM pathway
),
final AS (
    SELECT *, date_diff('day', permit_date, observed_until) AS duration_days FROM observed
)
SELECT * FROM final
