-- Table macros for the intervention measures: which interventions the shared filters select
-- (selected_interventions.sql), and the nuisance around each one's start (intervention_windows.sql).
CREATE OR REPLACE MACRO selected_intervention(
    date_from, date_to, municipalities, provinces, corporations, projects, housing_forms
) AS TABLE
-- By start date, by the intervention's place and by its place's dominant housing form.
SELECT *
FROM intervention_place
WHERE start_date >= date_from
  AND start_date < date_to
  AND in_filter(municipalities, municipality_code)
  AND in_filter(provinces, province)
  -- An intervention without a corporation (a municipality's own) stays when corporations are chosen.
  AND (len(corporations) = 0 OR corporation IS NULL OR list_contains(corporations, corporation))
  AND in_filter(projects, project)
  AND in_filter(housing_forms, housing_form);

-- Per selected intervention, side (its own place, comparable places) and time bin: exposure, households, signals.
CREATE OR REPLACE MACRO intervention_windows(
    date_from, date_to, municipalities, provinces, corporations, projects, housing_forms, intervention_ids,
    bin_months, observed_until
) AS TABLE
WITH selected AS (
    SELECT *
    FROM selected_intervention(date_from, date_to, municipalities, provinces, corporations, projects, housing_forms)
    WHERE in_filter(intervention_ids, intervention_id)
),
bins AS (
    SELECT
        s.intervention_id,
        s.type,
        s.municipality_code,
        s.project,
        s.housing_form,
        s.window_from,
        s.window_to,
        b.months AS months_from_start,
        (s.start_date + to_months(b.months))::DATE AS bin_from,
        -- Nothing is observed after the reference date.
        least((s.start_date + to_months(b.months + bin_months))::DATE, observed_until::DATE) AS bin_to
    FROM selected AS s
    CROSS JOIN unnest(range(-6, 6, bin_months::INTEGER)) AS b(months)
),
covered_places AS (
    -- Where each intervention works, and when: a place "has" an intervention of a type while it runs.
    SELECT type, municipality_code, project, start_date, coalesce(end_date, DATE '9999-12-31') AS end_date
    FROM intervention_place
),
covered AS (
    -- Per selected intervention, the places that had an intervention of the same type during its window: they
    -- are no comparison. A place without a project covers its whole municipality. Resolved once per
    -- intervention, so the comparison below is two hash anti-joins instead of a correlated subquery per spell.
    SELECT DISTINCT s.intervention_id, c.municipality_code, c.project
    FROM selected AS s
    JOIN covered_places AS c
      ON c.type = s.type
     AND c.start_date < s.window_to
     AND c.end_date >= s.window_from
),
spells AS (
    -- A household with one spell appears at most once per bin: only the others need counting distinctly.
    SELECT sp.*, NOT sp.only_spell AS moved FROM placement_spell AS sp
),
place_spells AS (
    SELECT b.intervention_id, b.months_from_start, 'place' AS side, sp.household_id, sp.moved, sp.move_in_date, sp.move_out_date, b.bin_from, b.bin_to
    FROM bins AS b
    JOIN spells AS sp
      ON sp.municipality_code = b.municipality_code
     AND (b.project IS NULL OR sp.project = b.project)
     AND sp.move_in_date < b.bin_to
     AND coalesce(sp.move_out_date, DATE '9999-12-31') > b.bin_from
),
comparison_spells AS (
    -- Same housing form, in places without an intervention of the same type in force during the window.
    SELECT b.intervention_id, b.months_from_start, 'comparison' AS side, sp.household_id, sp.moved, sp.move_in_date, sp.move_out_date, b.bin_from, b.bin_to
    FROM bins AS b
    JOIN spells AS sp
      ON sp.housing_form = b.housing_form
     AND sp.move_in_date < b.bin_to
     AND coalesce(sp.move_out_date, DATE '9999-12-31') > b.bin_from
    ANTI JOIN (SELECT * FROM covered WHERE project IS NULL) AS whole
      ON whole.intervention_id = b.intervention_id AND whole.municipality_code = sp.municipality_code
    ANTI JOIN (SELECT * FROM covered WHERE project IS NOT NULL) AS part
      ON part.intervention_id = b.intervention_id
     AND part.municipality_code = sp.municipality_code
     AND part.project = sp.project
),
exposure AS (
    SELECT intervention_id, side, months_from_start, sum(households) AS households, sum(exposure_days) AS exposure_days
    FROM (
        SELECT
            intervention_id,
            side,
            months_from_start,
            count(*) FILTER (WHERE NOT moved) AS households,
            sum(overlap_days(move_in_date, coalesce(move_out_date, DATE '9999-12-31'), bin_from, bin_to)) AS exposure_days
        FROM (SELECT * FROM place_spells UNION ALL SELECT * FROM comparison_spells)
        GROUP BY ALL
        UNION ALL
        -- Counted apart: a distinct count over every row would hash all of them, not just these.
        SELECT intervention_id, side, months_from_start, count(DISTINCT household_id), 0
        FROM (SELECT * FROM place_spells UNION ALL SELECT * FROM comparison_spells)
        WHERE moved
        GROUP BY ALL
    )
    GROUP BY ALL
),
place_signals AS (
    SELECT b.intervention_id, b.months_from_start, 'place' AS side, s.signal_id
    FROM bins AS b
    JOIN signal_attributed AS s
      ON s.municipality_code = b.municipality_code
     AND (b.project IS NULL OR s.project = b.project)
     AND s.reported_on >= b.bin_from
     AND s.reported_on < b.bin_to
),
comparison_signals AS (
    SELECT b.intervention_id, b.months_from_start, 'comparison' AS side, s.signal_id
    FROM bins AS b
    JOIN signal_attributed AS s
      ON s.housing_form = b.housing_form
     AND s.reported_on >= b.bin_from
     AND s.reported_on < b.bin_to
    ANTI JOIN (SELECT * FROM covered WHERE project IS NULL) AS whole
      ON whole.intervention_id = b.intervention_id AND whole.municipality_code = s.municipality_code
    ANTI JOIN (SELECT * FROM covered WHERE project IS NOT NULL) AS part
      ON part.intervention_id = b.intervention_id
     AND part.municipality_code = s.municipality_code
     AND part.project = s.project
),
signal_counts AS (
    SELECT intervention_id, side, months_from_start, count(*) AS signals
    FROM (SELECT * FROM place_signals UNION ALL SELECT * FROM comparison_signals)
    GROUP BY ALL
),
final AS (
    SELECT
        b.intervention_id,
        s.type,
        s.municipality_code,
        s.municipality_name,
        s.project,
        s.scope,
        s.start_date,
        s.description,
        s.housing_form,
        sides.side,
        b.months_from_start,
        b.bin_from,
        b.bin_to,
        coalesce(e.households, 0) AS households,
        coalesce(e.exposure_days, 0)::BIGINT AS exposure_days,
        coalesce(n.signals, 0) AS signals
    FROM bins AS b
    JOIN selected AS s ON s.intervention_id = b.intervention_id
    CROSS JOIN (VALUES ('place'), ('comparison')) AS sides(side)
    LEFT JOIN exposure AS e
      ON e.intervention_id = b.intervention_id AND e.side = sides.side AND e.months_from_start = b.months_from_start
    LEFT JOIN signal_counts AS n
      ON n.intervention_id = b.intervention_id AND n.side = sides.side AND n.months_from_start = b.months_from_start
)
SELECT * FROM final;
