SELECT l.label_id,
       COUNT(CASE WHEN p.purchased_at >= datetime(l.label_ts, '-30 days') THEN p.id END)
         AS n_purchases_30d,
       COALESCE(SUM(CASE WHEN p.purchased_at >= datetime(l.label_ts, '-30 days')
                         THEN p.amount END), 0) AS spend_30d,
       julianday(l.label_ts) - julianday(MAX(p.purchased_at)) AS days_since_last
FROM labels l
LEFT JOIN purchases p
  ON p.user_id = l.user_id
 AND p.purchased_at < l.label_ts
GROUP BY l.label_id, l.label_ts
ORDER BY l.label_id;
