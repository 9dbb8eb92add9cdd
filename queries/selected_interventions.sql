-- The interventions the shared filters select: by start date, by their place and by their place's dominant housing form.
SELECT intervention_id
FROM selected_intervention($date_from, $date_to, $municipalities, $provinces, $corporations, $projects, $housing_forms)
ORDER BY intervention_id
