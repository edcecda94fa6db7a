WITH retained_users AS (
  SELECT DISTINCT u.user_id
  FROM users u
  JOIN activity a ON a.user_id = u.user_id
  WHERE julianday(a.activity_date) - julianday(u.signup_date) BETWEEN 1 AND 7
)
SELECT strftime('%Y-%m', u.signup_date) AS cohort_month,
       COUNT(*) AS cohort_size,
       COUNT(r.user_id) AS retained,
       ROUND(1.0 * COUNT(r.user_id) / COUNT(*), 3) AS retention
FROM users u
LEFT JOIN retained_users r ON r.user_id = u.user_id
GROUP BY cohort_month
ORDER BY cohort_month;
