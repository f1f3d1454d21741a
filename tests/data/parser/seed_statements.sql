-- Seed statements for the parser robustness test (tests/unit/parser/parser_fuzz_test.cpp).
-- Together they cover the whole dialect of grammar/Sql.g4: every statement kind, every
-- expression form, windows, joins, the Flink forms, comments, quoted names and variables.
-- Every statement here must parse. The test mutates them at random and checks that the parser
-- always ends in an AST or a syntax error.

/* ---- Scripts, SHOW, LIST, DESCRIBE ---- */
SHOW PROPERTIES;
LIST ALL TOPICS EXTENDED;
show topics;
SHOW STREAMS EXTENDED;
LIST TABLES;
SHOW FUNCTIONS;
LIST TYPES;
SHOW VARIABLES;
SHOW QUERIES EXTENDED;
DESCRIBE STREAMS EXTENDED;
DESCRIBE TABLES;
DESCRIBE FUNCTION substring;
DESCRIBE pageviews EXTENDED;
DESCRIBE `Mixed-Case Source`;

-- ---- PRINT, query control, properties, variables, scripts ----
PRINT 'my-topic' FROM BEGINNING INTERVAL 2 LIMIT 5;
PRINT pageviews;
TERMINATE ALL;
TERMINATE CSAS_ORDERS_1;
PAUSE q1;
RESUME ALL;
SET 'auto.offset.reset' = 'earliest';
UNSET 'auto.offset.reset';
DEFINE topic_name = 'orders';
UNDEFINE topic_name;
RUN SCRIPT '/tmp/it''s a script.sql';

-- ---- CREATE STREAM / TABLE ----
CREATE STREAM pageviews (
  viewtime BIGINT,
  user_id VARCHAR KEY,
  page_id STRING,
  price DECIMAL(10, 2),
  tags ARRAY<STRING>,
  attrs MAP<STRING, DOUBLE>,
  address STRUCT<street STRING, `zip code` INT, geo STRUCT<lat DOUBLE, lon DOUBLE>>,
  ts TIMESTAMP,
  d DATE,
  t TIME,
  raw BYTES
) WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON', PARTITIONS=4, REPLICAS=1,
        TIMESTAMP='viewtime', WRAP_SINGLE_VALUE=false);
CREATE OR REPLACE TABLE IF NOT EXISTS users (
  user_id STRING PRIMARY KEY,
  "Registered At" BIGINT,
  region STRING
) WITH (kafka_topic='users', value_format='AVRO', key_format='KAFKA');
CREATE SOURCE TABLE reference_data (id INT PRIMARY KEY, label STRING)
  WITH (KAFKA_TOPIC='ref', FORMAT='JSON');
CREATE STREAM with_headers (
  k STRING KEY,
  h BYTES HEADER('trace-id'),
  hs ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>> HEADERS,
  r ROW<a INT, b STRING>,
  e STRUCT< >
) WITH (KAFKA_TOPIC='h', VALUE_FORMAT='PROTOBUF', VALUE_SCHEMA_ID=7);
CREATE STREAM ${stream_name} (a INT, b VARCHAR(STRING)) WITH (KAFKA_TOPIC=${topic}, PARTITIONS=-1);
CREATE STREAM bare;

-- Flink's CREATE TABLE with a WATERMARK, a table PRIMARY KEY and string-keyed options.
CREATE TABLE trades (
    symbol STRING,
    shares INT,
    price DOUBLE,
    transaction_date TIMESTAMP(3),
    WATERMARK FOR transaction_date AS transaction_date - INTERVAL '5' SECOND,
    PRIMARY KEY (symbol, shares) NOT ENFORCED
) WITH (
    'connector' = 'kafka',
    'topic' = 'trades',
    'properties.bootstrap.servers' = 'localhost:9092',
    'format' = 'json',
    'scan.startup.mode' = 'earliest-offset'
);

-- ---- CREATE ... AS SELECT, INSERT, DROP, types, ALTER, EXPLAIN ----
CREATE STREAM large_trades WITH (KAFKA_TOPIC='large_trades', PARTITIONS=1) AS
  SELECT trade_id, price * shares AS notional, UCASE(trader) trader
  FROM trades
  WHERE price * shares > 100000 AND symbol IN ('AAPL', 'MSFT', 'GOOG')
  EMIT CHANGES;
CREATE OR REPLACE TABLE IF NOT EXISTS brand_totals AS
  SELECT brand, WINDOWSTART AS ws, WINDOWEND AS we, COUNT(*) AS n, SUM(amount), AVG(amount)
  FROM transactions
  WINDOW TUMBLING (SIZE 5 SECONDS, RETENTION 7 DAYS, GRACE PERIOD 2 SECONDS)
  GROUP BY brand
  HAVING COUNT(*) > 1
  EMIT FINAL;
INSERT INTO all_orders WITH (QUERY_ID='insert_1') SELECT * FROM eu_orders EMIT CHANGES;
INSERT INTO users (user_id, "Registered At", region)
  VALUES ('User_1', 1700000000000, 'Chloé ✓');
INSERT INTO empty_values VALUES ();
INSERT INTO s VALUES (1, -2, 3.50, -4.5E-3, .5, 1E10, TRUE, FALSE, NULL, 'x''y', ${v});
DROP STREAM pageviews;
DROP TABLE IF EXISTS users DELETE TOPIC;
CREATE TYPE IF NOT EXISTS address AS STRUCT<number INT, street STRING, city STRING>;
CREATE TYPE tags AS ARRAY<MAP<STRING, ARRAY<INT>>>;
DROP TYPE IF EXISTS address;
ALTER STREAM pageviews ADD COLUMN referrer STRING, ADD score DOUBLE;
ALTER TABLE users ADD COLUMN history ARRAY<STRUCT<at BIGINT, what STRING>>;
EXPLAIN SELECT * FROM pageviews EMIT CHANGES;
EXPLAIN CSAS_LARGE_TRADES_3;
EXPLAIN CREATE STREAM s2 AS SELECT a FROM s1;

-- ---- Queries: select items, windows, joins, clauses ----
SELECT * FROM pageviews EMIT CHANGES LIMIT 10;
SELECT pv.*, u.name AS "User Name", address->*, `Weird ``name``` AS w
  FROM pageviews AS pv
  LEFT OUTER JOIN users u ON pv.user_id = u.user_id
  EMIT CHANGES;
SELECT o.id, s.ship_ts
  FROM orders o
  INNER JOIN shipments s WITHIN 1 HOUR ON o.id = s.order_id
  JOIN payments p WITHIN (5 MINUTES, 10 MINUTES) GRACE PERIOD 30 SECONDS ON o.id = p.order_id
  RIGHT JOIN refunds r ON r.order_id = o.id
  FULL OUTER JOIN notes n WITHIN 2 DAYS GRACE PERIOD 1 DAY ON n.order_id = o.id
  EMIT CHANGES;
SELECT region, COUNT(*) AS view_count
  FROM pageviews_enriched
  WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 10 SECONDS, GRACE PERIOD 0 MILLISECONDS)
  WHERE region IS NOT NULL
  GROUP BY region
  EMIT CHANGES;
SELECT user_id, COUNT(*) FROM clicks WINDOW SESSION (30 MINUTES, RETENTION 1 DAYS)
  GROUP BY (user_id, url) EMIT CHANGES;
SELECT a FROM s WINDOW TUMBLING (SIZE 100 MILLISECOND) GROUP BY () EMIT FINAL;
SELECT a, b FROM s PARTITION BY a, b + 1 EMIT CHANGES;
SELECT a FROM s PARTITION BY (a) EMIT CHANGES;
SELECT * FROM customer_profiles WHERE customer_id = 'C1';

-- Flink: group-window functions and window table-valued functions.
SELECT symbol,
       TUMBLE_START(transaction_date, INTERVAL '1' HOUR) AS window_start,
       SUM(shares) AS total_shares
FROM trades
GROUP BY symbol, TUMBLE(transaction_date, INTERVAL '1' HOUR);
SELECT window_start, window_end, symbol, SUM(shares)
  FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(transaction_date), INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end, symbol;
SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL 5 MINUTES)) AS w;
SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '1' DAY));
SELECT * FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '30' SECOND));

-- ---- Expressions ----
SELECT -a, +b, - -c, a + b * c - d / e % f, (a + b) * c, 'x' || y || 'z',
       a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b
  FROM s;
SELECT NOT a AND b OR NOT (c OR d), a BETWEEN 1 AND 10, a NOT BETWEEN b - 1 AND b + 1,
       a IN (1, 2, 3), a NOT IN ('x'), a LIKE 'p%', a NOT LIKE 'a\_%' ESCAPE '\',
       a IS NULL, a IS NOT NULL, a IS DISTINCT FROM b, a IS NOT DISTINCT FROM NULL
  FROM s WHERE NOT NOT TRUE;
SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END,
       CASE status WHEN 1 THEN 'one' WHEN 2 THEN 'two' END,
       CASE WHEN CASE WHEN x THEN y END THEN 1 ELSE NULL END AS nested
  FROM s;
SELECT CAST(a AS DOUBLE), CAST(b AS DECIMAL(4, 1)), CAST(c AS ARRAY<MAP<STRING, INT>>),
       CAST(d AS STRUCT<f1 INT, `F 2` STRING>), CAST('2024-01-01' AS DATE)
  FROM s;
SELECT ARRAY[1, 2, 3], ARRAY[], MAP('a' := 1, 'b' := 2), MAP(),
       STRUCT(name := 'x', age := 3 + 4), STRUCT(),
       arr[1], m['key'], a->b->c, arr[0]->f[2], s.col->field
  FROM s;
SELECT COUNT(*), COUNT(DISTINCT user_id), COLLECT_LIST(x), LATEST_BY_OFFSET(o, 2, FALSE),
       TRANSFORM(xs, x => x + 1), REDUCE(m, 0, (acc, k, v) => acc + v),
       FILTER(xs, (x) => x IS NOT NULL), TIMESTAMPADD(SECONDS, 5, ts), DATEADD(DAY, -1, d)
  FROM s GROUP BY user_id;
SELECT TIMESTAMP '2024-01-01T00:00:00', DATE '2024-01-01', TIME '12:00:00',
       INTERVAL '5' SECOND, INTERVAL 3 MINUTES, INTERVAL '2' DAY, INTERVAL 1 MILLISECONDS,
       1.50, 0.0, 12345678901234, -9223372036854775808, 2.5e+3, 1E-7, ${threshold}
  FROM s WHERE price > ${min_price};
SELECT size, date, key, `SELECT`, "from", emit, window_start, map, struct, array, interval
  FROM `weird-source`
  WHERE "lower case" = 'It''s' /* a bracketed
  comment */ -- and a line comment
  AND `back``tick` = 'é';
select lower(Name), Upper(`Name`) from MixedCase m where m.Id between -1 and 1 emit changes;
