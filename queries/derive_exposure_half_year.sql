-- Derived tables: residence per half-year, pre-aggregated for nuisance rates by half-year (see nuisance_rate.sql).
-- Every placement spell is cut at half-year starts and ends on the day after the reference date if still open.
-- exposure_cell: per half-year and combination of the filter dimensions, the days of residence and the
--   households with only this one piece in that half-year (each of them counts once wherever the piece falls);
-- exposure_shared: the pieces of households with two or more pieces in one half-year (they moved), which a
--   grouping must count distinctly.
CREATE OR REPLACE TEMP TABLE exposure_piece_tmp AS
WITH spells AS (
    SELECT sp.*, coalesce(sp.move_out_date, f.observed_until) AS resided_until
    FROM placement_spell AS sp, data_facts AS f
),
cut AS (
    SELECT
        spells.*,
        unnest(generate_series(
            half_year_start(move_in_date)::TIMESTAMP, (resided_until - 1)::TIMESTAMP, INTERVAL 6 MONTH
        ))::DATE AS half_from
    FROM spells
    WHERE resided_until > move_in_date
),
final AS (
    SELECT
        half_from,
        municipality_code,
        municipality_name,
        province,
        corporation,
        project,
        housing_form,
        household_type,
        household_id,
        overlap_days(move_in_date, resided_until, half_from, (half_from + INTERVAL 6 MONTH)::DATE) AS exposure_days,
        count(*) OVER (PARTITION BY household_id, half_from) = 1 AS alone_in_half
    FROM cut
)
SELECT * FROM final;

CREATE OR REPLACE TABLE exposure_cell AS
SELECT
    half_from, municipality_code, municipality_name, province, corporation, project, housing_form, household_type,
    count(*) FILTER (WHERE alone_in_half) AS households_alone,
    sum(exposure_days)::BIGINT AS exposure_days
FROM exposure_piece_tmp
GROUP BY ALL;

CREATE OR REPLACE TABLE exposure_shared AS
SELECT
    half_from, municipality_code, municipality_name, province, corporation, project, housing_form, household_type,
    household_id
FROM exposure_piece_tmp
WHERE NOT alone_in_half;

DROP TABLE exposure_piece_tmp;
