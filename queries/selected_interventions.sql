-- The interventions the shared filters select: by start date, by their place and by their place's dominant housing form.
WITH final AS (
    SELECT intervention_id
    FROM intervention_place
    WHERE start_date >= $date_from
      AND start_date < $date_to
      AND in_filter($municipalities, municipality_code)
      AND in_filter($provinces, province)
      -- An intervention without a corporation (a municipality's own) stays when corporations are chosen.
      AND (len($corporations) = 0 OR corporation IS NULL OR list_contains($corporations, corporation))
      AND in_filter($projects, project)
      AND in_filter($housing_forms, housing_form)
)
SELECT * FROM final ORDER BY intervention_id
