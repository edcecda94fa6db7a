WITH units AS (
  SELECT p.id, p.name, p.category, SUM(s.qty) AS units
  FROM products p
  JOIN sales s ON s.product_id = p.id
  GROUP BY p.id, p.name, p.category
),
ranked AS (
  SELECT category, name, units,
         RANK() OVER (PARTITION BY category ORDER BY units DESC) AS rnk
  FROM units
)
SELECT category, name, units, rnk
FROM ranked
WHERE rnk <= 2
ORDER BY category, rnk, name;
