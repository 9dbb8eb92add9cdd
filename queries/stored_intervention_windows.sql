-- The stored 6-month windows (intervention_window) of the interventions the shared filters select.
SELECT w.*
FROM intervention_window AS w
SEMI JOIN selected_intervention(
    $date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms
) AS s USING (intervention_id)
ORDER BY start_date, intervention_id, side DESC, months_from_start
