-- Derived table: facts about the data as a whole, read by every page: the reference date (peildatum, the latest date present) and the day after it.
CREATE OR REPLACE TABLE data_facts AS
WITH dates AS (
    SELECT max(greatest(move_in_date, coalesce(move_out_date, move_in_date))) AS latest FROM placements
    UNION ALL SELECT max(reported_on) FROM nuisance
    UNION ALL SELECT max(measured_on) FROM integration
    UNION ALL SELECT max(greatest(linked_date, coalesce(ended_date, linked_date))) FROM links
),
final AS (
    SELECT
        max(latest) AS reference_date,
        -- Exposure and signals count up to and including the reference date.
        max(latest) + 1 AS observed_until
    FROM dates
)
SELECT * FROM final
