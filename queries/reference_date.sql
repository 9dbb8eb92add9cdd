-- The reference date (peildatum): the latest date present in the data.
WITH dates AS (
    SELECT max(greatest(move_in_date, coalesce(move_out_date, move_in_date))) AS latest FROM placements
    UNION ALL SELECT max(reported_on) FROM nuisance
    UNION ALL SELECT max(measured_on) FROM integration
),
final AS (
    SELECT max(latest) AS reference_date FROM dates
)
SELECT * FROM final
