SELECT model_version,
       SUM(CASE WHEN predicted = 1 AND actual = 1 THEN 1 ELSE 0 END) AS tp,
       SUM(CASE WHEN predicted = 1 AND actual = 0 THEN 1 ELSE 0 END) AS fp,
       SUM(CASE WHEN predicted = 0 AND actual = 1 THEN 1 ELSE 0 END) AS fn,
       ROUND(1.0 * SUM(CASE WHEN predicted = 1 AND actual = 1 THEN 1 ELSE 0 END)
             / NULLIF(SUM(CASE WHEN predicted = 1 THEN 1 ELSE 0 END), 0), 3) AS precision,
       ROUND(1.0 * SUM(CASE WHEN predicted = 1 AND actual = 1 THEN 1 ELSE 0 END)
             / NULLIF(SUM(CASE WHEN actual = 1 THEN 1 ELSE 0 END), 0), 3) AS recall
FROM predictions
WHERE actual IS NOT NULL
GROUP BY model_version
HAVING COUNT(*) >= 5
ORDER BY model_version;
