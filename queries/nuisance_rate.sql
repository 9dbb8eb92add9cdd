-- Nuisance per group: signals (by reported_on) over household-years of residence (placement spells split by half-year), clipped to the period.
WITH observed AS (
    -- The period, ending no later than the day after the reference date.
    SELECT $date_from::DATE AS window_from, least($date_to::DATE, $observed_until::DATE) AS window_to
),
spells AS (
    SELECT
        sp.*,
        greatest(sp.move_in_date, o.window_from) AS exposed_from,
        least(coalesce(sp.move_out_date, o.window_to), o.window_to) AS exposed_to
    FROM placement_spell AS sp, observed AS o
    -- $from_cells: the half-years come pre-aggregated (below); the spells are not read at all then.
    WHERE NOT $from_cells
      AND in_filter($municipalities, sp.municipality_code)
      AND in_filter($provinces, sp.province)
      AND in_filter($corporations, sp.corporation)
      AND in_filter($projects, sp.project)
      AND in_filter($housing_forms, sp.housing_form)
      AND in_filter($household_types, sp.household_type)
),
by_time AS (
    SELECT
        list_contains($by, 'period') OR list_contains($by, 'year') AS split,
        CASE WHEN list_contains($by, 'period') THEN INTERVAL 6 MONTH ELSE INTERVAL 12 MONTH END AS step
),
spell_halves AS (
    -- A spell crossing a half-year (or, grouped by year only, a year) border contributes its days to each part
    -- it covers; without a period or year grouping there is nothing to split, and each spell stays one row.
    SELECT
        spells.*,
        by_time.split,
        by_time.step,
        unnest(CASE
            WHEN by_time.split THEN generate_series(
                CASE
                    WHEN by_time.step = INTERVAL 6 MONTH THEN half_year_start(exposed_from)
                    ELSE date_trunc('year', exposed_from)
                END::TIMESTAMP,
                (exposed_to - 1)::TIMESTAMP,
                by_time.step
            )
            ELSE [exposed_from::TIMESTAMP]
        END)::DATE AS half_from
    FROM spells, by_time
    WHERE exposed_to > exposed_from
),
cell_pieces AS (
    -- The same half-year pieces from exposure_cell and exposure_shared, for whole half-years up to the
    -- data's own reference date (nuisance.py decides when that holds). A cell's households_alone are
    -- households without another piece in that half-year: counted as they are, no distinct needed.
    SELECT *
    FROM (
        SELECT * EXCLUDE (households_alone), households_alone AS counted, NULL AS household_id FROM exposure_cell
        UNION ALL BY NAME
        SELECT *, 0 AS counted, 0 AS exposure_days FROM exposure_shared
    ), observed AS o
    WHERE $from_cells
      AND half_from >= o.window_from
      AND half_from < o.window_to
      AND in_filter($municipalities, municipality_code)
      AND in_filter($provinces, province)
      AND in_filter($corporations, corporation)
      AND in_filter($projects, project)
      AND in_filter($housing_forms, housing_form)
      AND in_filter($household_types, household_type)
),
pieces AS (
    SELECT
        * EXCLUDE (exposed_from, exposed_to, split, step, household_id, only_spell),
        -- A household's only spell gives it one piece per group (one per half-year or year at most): counted as
        -- it is. Only households that moved need the (costly) distinct.
        only_spell::INTEGER AS counted,
        CASE WHEN NOT only_spell THEN household_id END AS household_id,
        CASE
            WHEN split THEN overlap_days(exposed_from, exposed_to, half_from, (half_from + step)::DATE)
            ELSE date_diff('day', exposed_from, exposed_to)
        END AS exposure_days
    FROM spell_halves
    UNION ALL BY NAME
    SELECT * EXCLUDE (window_from, window_to) FROM cell_pieces
),
exposure AS (
    SELECT
        -- The half-year as its first day: labelled once per group at the end, not once per row.
        CASE WHEN list_contains($by, 'period') THEN half_from END AS g_period,
        CASE WHEN list_contains($by, 'year') THEN year(half_from) END AS g_year,
        CASE WHEN list_contains($by, 'province') THEN province END AS g_province,
        CASE WHEN list_contains($by, 'municipality_code') THEN municipality_code END AS g_municipality_code,
        CASE WHEN list_contains($by, 'municipality_code') THEN municipality_name END AS g_municipality_name,
        CASE WHEN list_contains($by, 'corporation') THEN corporation END AS g_corporation,
        CASE WHEN list_contains($by, 'project') THEN project END AS g_project,
        CASE WHEN list_contains($by, 'housing_form') THEN housing_form END AS g_housing_form,
        CASE WHEN list_contains($by, 'household_type') THEN household_type END AS g_household_type,
        household_id,
        counted,
        exposure_days
    FROM pieces
),
signals AS (
    SELECT
        CASE WHEN list_contains($by, 'period') THEN half_year_start(reported_on) END AS g_period,
        CASE WHEN list_contains($by, 'year') THEN year(reported_on) END AS g_year,
        CASE WHEN list_contains($by, 'province') THEN province END AS g_province,
        CASE WHEN list_contains($by, 'municipality_code') THEN municipality_code END AS g_municipality_code,
        CASE WHEN list_contains($by, 'municipality_code') THEN municipality_name END AS g_municipality_name,
        CASE WHEN list_contains($by, 'corporation') THEN corporation END AS g_corporation,
        CASE WHEN list_contains($by, 'project') THEN project END AS g_project,
        CASE WHEN list_contains($by, 'housing_form') THEN housing_form END AS g_housing_form,
        CASE WHEN list_contains($by, 'household_type') THEN household_type END AS g_household_type,
        CASE WHEN list_contains($by, 'category') THEN category END AS g_category,
        CASE WHEN list_contains($by, 'severity') THEN severity END AS g_severity,
        CASE WHEN list_contains($by, 'source') THEN source END AS g_source,
        signal_id,
        -- A signal resolved after the reference date was still open on it.
        CASE WHEN resolved_on < $observed_until::DATE THEN date_diff('day', reported_on, resolved_on) END AS resolution_days
    FROM signal_attributed, observed AS o
    WHERE reported_on >= o.window_from
      AND reported_on < o.window_to
      AND in_filter($municipalities, municipality_code)
      AND in_filter($provinces, province)
      AND in_filter($corporations, corporation)
      AND in_filter($projects, project)
      AND in_filter($housing_forms, housing_form)
      AND in_filter($household_types, household_type)
),
exposure_parts AS (
    -- Every household-row has at least a day of exposure (exposed_to > exposed_from above). Only the rows of
    -- households that moved go through the distinct: the others are counted as they are.
    SELECT COLUMNS('^g_'), sum(counted) AS households, sum(exposure_days) AS exposure_days
    FROM exposure
    GROUP BY ALL
    UNION ALL BY NAME
    SELECT COLUMNS('^g_'), count(DISTINCT household_id) AS households
    FROM exposure
    WHERE household_id IS NOT NULL
    GROUP BY ALL
),
exposure_groups AS (
    SELECT COLUMNS('^g_'), sum(households) AS households, sum(exposure_days) AS exposure_days
    FROM exposure_parts
    GROUP BY ALL
),
signal_groups AS (
    SELECT
        COLUMNS('^g_'),
        count(*) AS signals,
        quantile_cont(resolution_days, 0.5) AS median_resolution_days,
        count(*) FILTER (WHERE resolution_days IS NULL) AS unresolved
    FROM signals
    GROUP BY ALL
),
signal_splits AS (
    -- Category, severity and source split only the signals: every split shares its group's exposure. Taken
    -- from the aggregated signals, so the row-level signals are read once and never materialised.
    SELECT DISTINCT g_category, g_severity, g_source FROM signal_groups
    UNION
    SELECT NULL, NULL, NULL
    WHERE NOT (list_contains($by, 'category') OR list_contains($by, 'severity') OR list_contains($by, 'source'))
),
combined AS (
    -- Exposure and signals are aggregated apart, then meet per group: no row-level union of both.
    SELECT exposure_groups.*, signal_splits.* FROM exposure_groups CROSS JOIN signal_splits
    UNION ALL BY NAME
    SELECT * FROM signal_groups
),
final AS (
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        coalesce(sum(households), 0)::BIGINT AS households,
        coalesce(sum(signals), 0)::BIGINT AS signals,
        coalesce(sum(exposure_days), 0)::BIGINT AS exposure_days,
        max(median_resolution_days) AS median_resolution_days,
        coalesce(sum(unresolved), 0)::BIGINT AS unresolved
    FROM combined
    GROUP BY ALL
)
SELECT * REPLACE (half_year_label(period) AS period) FROM final ORDER BY ALL
