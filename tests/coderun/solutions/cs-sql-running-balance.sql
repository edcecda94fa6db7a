SELECT account_id, id, ts, amount,
       SUM(amount) OVER (
         PARTITION BY account_id
         ORDER BY ts, id
         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS balance
FROM transactions
ORDER BY account_id, ts, id;
