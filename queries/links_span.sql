-- The links dataset as a whole: how many links there are and the earliest linked date (where the queue over time starts).
WITH final AS (
    SELECT count(*) AS links, min(linked_date) AS first_linked FROM links
)
SELECT * FROM final
