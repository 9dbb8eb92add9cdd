-- Derived tables: residence per half-year, pre-aggregated for nuisance rates by half-year (see nuisance_rate.sql).
-- Every placement spell is cut at half-year starts and ends on the day after the reference date if still open.
-- exposure_cell: per half-year and combination of the filter dimensions (a cell), the days of residence and the
--   households with only this one piece in that half-year (each of them counts once wherever the piece falls);
-- exposure_shared: the pieces of households with two or more pieces in one half-year (they moved), which a
--   grouping must count distinctly.
-- Built from each spell's first and last half-year (a running sum over half-years), not from one row per spell
-- and half-year: ten times fewer rows. The same running sum per household finds where its spells overlap.
CREATE OR REPLACE TABLE exposure_shared AS
WITH spells AS (
    SELECT
        sp.*,
        half_year_start(sp.move_in_date) AS first_half,
        half_year_start(coalesce(sp.move_out_date, f.observed_until) - 1) AS last_half
    FROM placement_spell AS sp, data_facts AS f
    WHERE coalesce(sp.move_out_date, f.observed_until) > sp.move_in_date
      AND NOT sp.only_spell
),
covering AS (
    -- Per household, from each change on: how many of its spells cover the half-year, until the next change.
    SELECT
        household_id,
        half_from,
        sum(change) OVER household_time AS spells_now,
        lead(half_from) OVER household_time AS next_change
    FROM (
        SELECT household_id, half_from, sum(change) AS change
        FROM (
            SELECT household_id, first_half AS half_from, 1 AS change FROM spells
            UNION ALL
            SELECT household_id, (last_half + INTERVAL 6 MONTH)::DATE, -1 FROM spells
        )
        GROUP BY ALL
    )
    WINDOW household_time AS (PARTITION BY household_id ORDER BY half_from)
),
final AS (
    -- Every piece of a spell inside a stretch where two or more spells of its household overlap.
    SELECT
        cut.half_from::DATE AS half_from,
        sp.municipality_code, sp.municipality_name, sp.province, sp.corporation, sp.project, sp.housing_form,
        sp.household_type, sp.household_id
    FROM covering AS c
    JOIN spells AS sp
      ON sp.household_id = c.household_id
     AND sp.first_half < c.next_change
     AND sp.last_half >= c.half_from,
    unnest(generate_series(
        greatest(c.half_from, sp.first_half)::TIMESTAMP,
        least((c.next_change - INTERVAL 6 MONTH)::DATE, sp.last_half)::TIMESTAMP,
        INTERVAL 6 MONTH
    )) AS cut(half_from)
    WHERE c.spells_now >= 2
)
SELECT * FROM final;

CREATE OR REPLACE TABLE exposure_cell AS
WITH spells AS (
    SELECT
        municipality_code, municipality_name, province, corporation, project, housing_form, household_type,
        move_in_date,
        coalesce(move_out_date, f.observed_until) AS resided_until,
        half_year_start(move_in_date) AS first_half,
        half_year_start(coalesce(move_out_date, f.observed_until) - 1) AS last_half
    FROM placement_spell, data_facts AS f
    WHERE coalesce(move_out_date, f.observed_until) > move_in_date
),
changes AS (
    -- Per cell and half-year: pieces starting and ending (+1/-1), whole half-years starting and ending, and the
    -- days of the partial first and last pieces.
    SELECT * EXCLUDE (move_in_date, resided_until, first_half, last_half), first_half AS half_from,
        1 AS pieces, 0 AS whole,
        least(resided_until, (first_half + INTERVAL 6 MONTH)::DATE) - move_in_date AS edge_days
    FROM spells
    UNION ALL
    SELECT * EXCLUDE (move_in_date, resided_until, first_half, last_half), (last_half + INTERVAL 6 MONTH)::DATE,
        -1, 0, 0
    FROM spells
    UNION ALL
    SELECT * EXCLUDE (move_in_date, resided_until, first_half, last_half), last_half, 0, 0, resided_until - last_half
    FROM spells
    WHERE last_half > first_half
    UNION ALL
    SELECT * EXCLUDE (move_in_date, resided_until, first_half, last_half), (first_half + INTERVAL 6 MONTH)::DATE,
        0, 1, 0
    FROM spells
    WHERE last_half > (first_half + INTERVAL 6 MONTH)::DATE
    UNION ALL
    SELECT * EXCLUDE (move_in_date, resided_until, first_half, last_half), last_half, 0, -1, 0
    FROM spells
    WHERE last_half > (first_half + INTERVAL 6 MONTH)::DATE
),
per_half AS (
    SELECT
        municipality_code, municipality_name, province, corporation, project, housing_form, household_type,
        half_from, sum(pieces) AS pieces, sum(whole) AS whole, sum(edge_days) AS edge_days
    FROM changes
    GROUP BY ALL
),
running AS (
    SELECT
        *,
        sum(pieces) OVER cell_time AS pieces_now,
        sum(whole) OVER cell_time AS whole_now,
        lead(half_from) OVER cell_time AS next_change
    FROM per_half
    WINDOW cell_time AS (
        PARTITION BY municipality_code, municipality_name, province, corporation, project, housing_form, household_type
        ORDER BY half_from
    )
),
halves AS (
    -- Every half-year from a change up to the next one carries that change's running counts; only the
    -- half-year of the change itself has partial pieces.
    SELECT
        running.* EXCLUDE (half_from, edge_days, next_change, pieces, whole),
        span.half_from::DATE AS half_from,
        CASE WHEN span.half_from::DATE = running.half_from THEN edge_days ELSE 0 END AS edge_days
    FROM running, unnest(generate_series(
        running.half_from::TIMESTAMP,
        coalesce(next_change, running.half_from + INTERVAL 6 MONTH)::TIMESTAMP - INTERVAL 6 MONTH,
        INTERVAL 6 MONTH
    )) AS span(half_from)
    WHERE pieces_now > 0
),
shared AS (
    SELECT
        half_from, municipality_code, municipality_name, province, corporation, project, housing_form, household_type,
        count(*) AS shared_pieces
    FROM exposure_shared
    GROUP BY ALL
),
final AS (
    SELECT
        h.half_from, h.municipality_code, h.municipality_name, h.province, h.corporation, h.project,
        h.housing_form, h.household_type,
        h.pieces_now - coalesce(s.shared_pieces, 0) AS households_alone,
        (h.whole_now * date_diff('day', h.half_from, (h.half_from + INTERVAL 6 MONTH)::DATE) + h.edge_days)::BIGINT
            AS exposure_days
    FROM halves AS h
    LEFT JOIN shared AS s
      ON s.half_from = h.half_from
     AND s.municipality_code IS NOT DISTINCT FROM h.municipality_code
     AND s.municipality_name IS NOT DISTINCT FROM h.municipality_name
     AND s.province IS NOT DISTINCT FROM h.province
     AND s.corporation IS NOT DISTINCT FROM h.corporation
     AND s.project IS NOT DISTINCT FROM h.project
     AND s.housing_form IS NOT DISTINCT FROM h.housing_form
     AND s.household_type IS NOT DISTINCT FROM h.household_type
)
SELECT * FROM final;
