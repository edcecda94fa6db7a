WITH items AS (
  SELECT order_id, SUM(qty * unit_price) AS items_total
  FROM order_items
  GROUP BY order_id
),
refunded AS (
  SELECT order_id, SUM(amount) AS refunded
  FROM refunds
  GROUP BY order_id
)
SELECT o.id AS order_id,
       c.name AS customer_name,
       COALESCE(i.items_total, 0) AS items_total,
       COALESCE(r.refunded, 0) AS refunded,
       COALESCE(i.items_total, 0) - COALESCE(r.refunded, 0) AS net
FROM orders o
LEFT JOIN customers c ON c.id = o.customer_id
LEFT JOIN items i ON i.order_id = o.id
LEFT JOIN refunded r ON r.order_id = o.id
ORDER BY o.id;
