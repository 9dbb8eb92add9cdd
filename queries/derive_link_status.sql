-- Derived table: one row per link with its housing date (the first move-in in that municipality) and its groupings.
CREATE OR REPLACE TABLE link_status AS
WITH first_home AS (
    -- A home in another municipality does not end this link: only placements in the link's own municipality count.
    SELECT household_id, municipality_code, min(move_in_date) AS housed_on
    FROM placements
    GROUP BY ALL
),
final AS (
    SELECT
        k.household_id,
        -- Figures of merged municipalities roll up into today's municipality.
        coalesce(m.successor_code, k.municipality_code) AS municipality_code,
        coalesce(s.municipality_name, m.municipality_name, k.municipality_code) AS municipality_name,
        coalesce(s.province, m.province) AS province,
        k.household_type,
        k.household_size,
        k.permit_date,
        k.linked_date,
        k.ended_date,
        k.end_reason,
        h.housed_on,
        year(k.linked_date) AS year,
        year(k.linked_date) || '-H' || CASE WHEN month(k.linked_date) <= 6 THEN '1' ELSE '2' END AS period
    FROM links AS k
    LEFT JOIN first_home AS h USING (household_id, municipality_code)
    LEFT JOIN municipalities AS m ON m.municipality_code = k.municipality_code
    LEFT JOIN municipalities AS s ON s.municipality_code = m.successor_code
)
SELECT * FROM final
