-- Quota per today's municipality and half-year: target, backlog (+) or lead (−) carried, realised (official, else from placements), pace; summed per group.
WITH today AS (
    -- Merged municipalities roll up into the municipality they merged into (one step, as household_pathway does).
    SELECT municipality_code, coalesce(successor_code, municipality_code) AS current_code
    FROM municipalities
),
current_municipality AS (
    SELECT
        c.municipality_code,
        c.municipality_name,
        c.province,
        -- Today's population already counts the merged places; sum the parts only when it is unknown.
        coalesce(c.population, sum(p.population)) AS population
    FROM municipalities AS c
    LEFT JOIN today AS t ON t.current_code = c.municipality_code
    LEFT JOIN municipalities AS p ON p.municipality_code = t.municipality_code
    WHERE c.successor_code IS NULL
    GROUP BY c.municipality_code, c.municipality_name, c.province, c.population
),
quota_rolled AS (
    SELECT
        coalesce(t.current_code, q.municipality_code) AS municipality_code,
        q.period,
        sum(q.target) AS target,
        -- The official count only when every merged part reported one; otherwise placements stand in.
        CASE WHEN count(q.realised) = count(*) THEN sum(q.realised) END AS official
    FROM quota AS q
    LEFT JOIN today AS t USING (municipality_code)
    GROUP BY ALL
),
housed AS (
    -- household_pathway has rolled merged municipalities up already.
    SELECT municipality_code, period, sum(household_size) AS persons
    FROM household_pathway
    GROUP BY ALL
),
realised AS (
    SELECT
        q.*,
        coalesce(h.persons, 0) AS placements_realised,
        -- An estimate of 1–4 persons counts as 0, here and so in every backlog and total after it: official
        -- counts are public, so any total holding the small estimate would give it away. Its row says '<5'.
        q.official IS NULL AND coalesce(h.persons, 0) BETWEEN 1 AND $min_count - 1 AS small_estimate,
        CASE WHEN small_estimate THEN 0 ELSE coalesce(q.official, h.persons, 0) END AS realised,
        CASE WHEN q.official IS NULL THEN 'placements' ELSE 'official' END AS source,
        make_date(CAST(left(q.period, 4) AS INTEGER), CASE WHEN right(q.period, 1) = '1' THEN 1 ELSE 7 END, 1) AS period_start
    FROM quota_rolled AS q
    LEFT JOIN housed AS h USING (municipality_code, period)
),
carried AS (
    SELECT
        *,
        -- What was still owed (+) or done ahead (−) at the start: all earlier targets minus all earlier realised.
        coalesce(sum(target - realised) OVER (
            PARTITION BY municipality_code ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ), 0) AS carried
    FROM realised
),
paced AS (
    SELECT
        c.*,
        c.target + c.carried AS adjusted_target,
        -- Whole months of the half-year completed on the reference date (a month counts on its last day).
        CASE
            WHEN $reference_date::DATE < c.period_start THEN NULL
            ELSE least(6, date_diff('month', c.period_start, $reference_date::DATE + INTERVAL 1 DAY))
        END AS elapsed_months,
        m.municipality_name,
        m.province,
        m.population
    FROM carried AS c
    LEFT JOIN current_municipality AS m USING (municipality_code)
),
selected AS (
    SELECT
        CASE WHEN list_contains($by, 'province') THEN province END AS g_province,
        CASE WHEN list_contains($by, 'municipality_code') THEN municipality_code END AS g_municipality_code,
        CASE WHEN list_contains($by, 'municipality_code') THEN municipality_name END AS g_municipality_name,
        *,
        -- A lead larger than the target leaves nothing owed (never a negative expectation).
        greatest(adjusted_target, 0) * elapsed_months / 6 AS expected
    FROM paced
    WHERE period_start >= $date_from
      AND period_start < $date_to
      AND in_filter($municipalities, municipality_code)
      AND in_filter($provinces, province)
),
banded AS (
    SELECT
        *,
        CASE
            WHEN elapsed_months IS NULL THEN NULL
            WHEN realised >= expected THEN 'op_schema'
            -- Short by less than one month's share (1/6 of the adjusted target).
            WHEN realised > expected - greatest(adjusted_target, 0) / 6 THEN 'licht_achter'
            ELSE 'ver_achter'
        END AS municipality_pace
    FROM selected
),
final AS (
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        period,
        sum(target)::BIGINT AS target,
        sum(carried)::BIGINT AS carried,
        sum(adjusted_target)::BIGINT AS adjusted_target,
        sum(realised)::BIGINT AS realised,
        sum(placements_realised)::BIGINT AS placements_realised,
        -- The part of realised that stands in for a missing official count.
        coalesce(sum(realised) FILTER (WHERE source = 'placements'), 0)::BIGINT AS estimated_realised,
        CASE WHEN bool_or(source = 'placements') THEN 'placements' ELSE 'official' END AS source,
        CASE WHEN sum(adjusted_target) > 0 THEN sum(realised) / sum(adjusted_target) END AS realisation,
        -- A group's pace nets leads against backlogs, like its realisation (all rows share one half-year).
        greatest(sum(adjusted_target), 0) * max(elapsed_months) / 6 AS expected,
        CASE
            WHEN max(elapsed_months) IS NULL THEN NULL
            WHEN sum(realised) >= greatest(sum(adjusted_target), 0) * max(elapsed_months) / 6 THEN 'op_schema'
            WHEN sum(realised) > greatest(sum(adjusted_target), 0) * (max(elapsed_months) - 1) / 6 THEN 'licht_achter'
            ELSE 'ver_achter'
        END AS pace,
        max(elapsed_months) AS elapsed_months,
        sum(population)::BIGINT AS population,
        -- Per 1,000 inhabitants only over municipalities whose population is known.
        1000 * sum(realised) FILTER (WHERE population IS NOT NULL) / sum(population) AS realised_per_1000,
        1000 * sum(adjusted_target) FILTER (WHERE population IS NOT NULL) / sum(population) AS adjusted_target_per_1000,
        count(*) AS municipalities,
        count(*) FILTER (WHERE municipality_pace IN ('licht_achter', 'ver_achter')) AS municipalities_behind,
        count(*) FILTER (WHERE source = 'placements') AS municipalities_from_placements,
        count(*) FILTER (WHERE small_estimate) AS small_estimates
    FROM banded
    GROUP BY ALL
)
SELECT * FROM final ORDER BY ALL
