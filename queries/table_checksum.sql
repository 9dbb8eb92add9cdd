-- Row count and an order-independent content checksum of a table over the given columns (sum of per-row MD5 prefixes).
WITH projected AS (
    SELECT COLUMNS(lambda c: list_contains($columns, c)) FROM query_table($table)
),
final AS (
    SELECT
        count(*) AS row_count,
        coalesce(sum(('0x' || left(md5(to_json(projected)::VARCHAR), 15))::UBIGINT), 0)::VARCHAR AS checksum
    FROM projected
)
SELECT * FROM final
