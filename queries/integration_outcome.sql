-- Integration outcomes k months after the household's first move-in: per person the measurement closest to that date within ±3 months, per group and household type.
WITH pathway AS (
    SELECT *
    FROM filtered_pathway(
        $by, $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms,
        $household_types
    )
),
targets AS (
    SELECT pathway.*, k AS k_months, (first_move_in + to_months(k))::DATE AS target_on
    FROM pathway CROSS JOIN unnest($k_months::INTEGER[]) AS months(k)
),
candidates AS (
    SELECT
        t.*,
        i.person_id,
        i.measured_on,
        i.language_level,
        i.inburgering_status,
        i.employed,
        i.in_education,
        i.volunteering,
        i.on_benefits,
        i.network_score,
        -- Closest first; of two equally close measurements the earlier one (it cannot reflect later events).
        row_number() OVER (
            PARTITION BY i.person_id, t.k_months
            ORDER BY abs(date_diff('day', t.target_on, i.measured_on)), i.measured_on
        ) AS closeness
    FROM targets AS t
    JOIN integration AS i USING (household_id)
    WHERE i.measured_on BETWEEN (t.target_on - INTERVAL 3 MONTH)::DATE AND (t.target_on + INTERVAL 3 MONTH)::DATE
),
scored AS (
    SELECT
        COLUMNS('^g_(.*)$'),
        household_type AS stratum,
        k_months,
        person_id,
        language_level IN ('B1', 'B2', 'C1') AS language_b1,
        inburgering_status = 'geslaagd' AS inburgering_done,
        employed,
        in_education,
        volunteering,
        on_benefits,
        network_score >= 4 AS network_good
    FROM candidates
    WHERE closeness = 1
),
recorded AS (
    -- UNPIVOT drops NULLs: a person counts for an outcome only when the chosen measurement records it.
    UNPIVOT scored
    ON language_b1, inburgering_done, employed, in_education, volunteering, on_benefits, network_good
    INTO NAME outcome VALUE achieved
),
final AS (
    SELECT
        COLUMNS('^g_(.*)$') AS '\1',
        outcome,
        k_months,
        stratum,
        count(*) AS persons,
        count(*) FILTER (WHERE achieved) AS with_outcome
    FROM recorded
    WHERE in_filter($outcomes, outcome)
    GROUP BY ALL
)
SELECT * FROM final ORDER BY ALL
