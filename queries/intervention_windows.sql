-- Nuisance around each intervention's start, per time bin: exposure, households and signals in its own place and in comparable places.
SELECT *
FROM intervention_windows(
    $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms, $intervention_ids,
    $bin_months, $observed_until
)
ORDER BY start_date, intervention_id, side DESC, months_from_start
