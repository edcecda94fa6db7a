WITH ranked AS (
  SELECT user_id, country, plan,
         ROW_NUMBER() OVER (PARTITION BY user_id
                            ORDER BY updated_at DESC, id DESC) AS rn
  FROM profile_updates
)
SELECT user_id, country, plan
FROM ranked
WHERE rn = 1
ORDER BY user_id;
