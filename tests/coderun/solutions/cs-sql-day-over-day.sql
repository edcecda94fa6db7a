WITH daily AS (
  SELECT date(ts) AS day, COUNT(DISTINCT user_id) AS dau
  FROM events
  GROUP BY date(ts)
)
SELECT d.day,
       d.dau,
       p.dau AS prev_dau,
       d.dau - p.dau AS change
FROM daily d
LEFT JOIN daily p ON p.day = date(d.day, '-1 day')
ORDER BY d.day;
