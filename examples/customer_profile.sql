-- A unified customer profile from three tables: table-table joins.
--
-- Shows: two tables read from topics and a third derived by aggregating a stream of orders,
-- all keyed by customer_id; a CREATE TABLE AS SELECT that LEFT JOINs the three on their
-- primary keys. Every change to a customer, their loyalty account or their orders updates the
-- profile row (a changelog keyed by customer_id). Deleting a customer (a tombstone: a null
-- value for its key) deletes the profile; deleting a loyalty account sets the profile's tier to
-- 'NONE' and its points to null.
--
-- Feed it with kcat (KEY:VALUE lines; -Z makes an empty value a tombstone):
--   echo 'C1:{"name":"Ana Souza","email":"ana@example.com","city":"Recife"}' |
--     kcat -P -b HOST:PORT -t customers -K:
--   echo 'C1:{"tier":"GOLD","points":1200}' | kcat -P -b HOST:PORT -t loyalty_accounts -K:
--   echo 'O1:{"customer_id":"C1","amount":99.90}' | kcat -P -b HOST:PORT -t orders -K:
--   echo 'C1:' | kcat -P -b HOST:PORT -t loyalty_accounts -K: -Z
--
-- Try in the shell (a pull query): SELECT * FROM customer_profiles WHERE customer_id = 'C1';

CREATE TABLE customers (
  customer_id STRING PRIMARY KEY,
  name STRING,
  email STRING,
  city STRING
) WITH (KAFKA_TOPIC='customers', VALUE_FORMAT='JSON', PARTITIONS=1);

CREATE TABLE loyalty_accounts (
  customer_id STRING PRIMARY KEY,
  tier STRING,
  points INT
) WITH (KAFKA_TOPIC='loyalty_accounts', VALUE_FORMAT='JSON', PARTITIONS=1);

CREATE STREAM orders (
  order_id STRING KEY,
  customer_id STRING,
  amount DOUBLE
) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);

-- The third table: order statistics per customer.
CREATE TABLE order_stats WITH (KAFKA_TOPIC='order_stats', PARTITIONS=1) AS
  SELECT customer_id,
         COUNT(*) AS order_count,
         SUM(amount) AS lifetime_value,
         LATEST_BY_OFFSET(order_id) AS last_order_id
  FROM orders
  GROUP BY customer_id
  EMIT CHANGES;

-- The profile: one row per customer; customers without loyalty account or orders keep nulls.
CREATE TABLE customer_profiles WITH (KAFKA_TOPIC='customer_profiles', PARTITIONS=1) AS
  SELECT c.customer_id AS customer_id,
         c.name,
         c.email,
         c.city,
         COALESCE(l.tier, 'NONE') AS tier,
         l.points,
         o.order_count,
         o.lifetime_value,
         o.last_order_id
  FROM customers c
  LEFT JOIN loyalty_accounts l ON c.customer_id = l.customer_id
  LEFT JOIN order_stats o ON c.customer_id = o.customer_id
  EMIT CHANGES;
