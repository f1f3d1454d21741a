-- Trades per symbol per hour, written in Flink SQL and accepted unchanged.
--
-- Shows: Flink's CREATE TABLE with a WATERMARK (records up to 5 seconds late still count) and
-- the Kafka connector options; an append-only Kafka source without a primary key becomes a
-- stream in Fluxo's catalog. The query groups by Flink's TUMBLE group-window function and reads
-- the window start with TUMBLE_START; results are emitted when the watermark passes the end of
-- an hour, as Flink does (EMIT FINAL semantics). 'properties.bootstrap.servers' is ignored in
-- favour of Fluxo's own configuration. The same query in ksqlDB's dialect:
--
--   CREATE STREAM trades (symbol STRING, shares INT, price DOUBLE, transaction_date TIMESTAMP)
--     WITH (KAFKA_TOPIC='trades', VALUE_FORMAT='JSON', TIMESTAMP='transaction_date');
--   SELECT symbol, WINDOWSTART AS window_start, SUM(shares) AS total_shares,
--          AVG(price) AS avg_price
--   FROM trades WINDOW TUMBLING (SIZE 1 HOUR, GRACE PERIOD 5 SECONDS)
--   GROUP BY symbol EMIT FINAL;

CREATE TABLE trades (
    symbol STRING,
    shares INT,
    price DOUBLE,
    transaction_date TIMESTAMP(3),
    WATERMARK FOR transaction_date AS transaction_date - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'trades',
    'properties.bootstrap.servers' = 'localhost:9092',
    'format' = 'json',
    'scan.startup.mode' = 'earliest-offset'
);

SELECT symbol,
       TUMBLE_START(transaction_date, INTERVAL '1' HOUR) AS window_start,
       SUM(shares) AS total_shares,
       AVG(price)  AS avg_price
FROM trades
GROUP BY symbol, TUMBLE(transaction_date, INTERVAL '1' HOUR);
