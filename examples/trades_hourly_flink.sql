-- Trades per symbol per hour, written in Flink SQL and accepted unchanged.
--
-- Shows: Flink's CREATE TABLE with a WATERMARK (records up to 5 seconds late still count) and
-- the Kafka connector options; an append-only Kafka table without a primary key is a stream in
-- Fluxo's catalog, for reading (trades) as for writing (trades_hourly). The query groups by
-- Flink's TUMBLE group-window function, reads the window start with TUMBLE_START, and runs as
-- Flink's INSERT INTO: its columns go to the sink table's by position, and each hour's rows are
-- written once, when the watermark (the largest transaction_date seen, less 5 seconds) passes
-- the end of the hour, as Flink does (EMIT FINAL semantics); a record that arrives after its
-- hour has closed is dropped. The sink's records have no key, as Flink's Kafka sink writes them.
-- 'properties.bootstrap.servers' is ignored in favour of Fluxo's own configuration.
--
-- Input: the `trades` quickstart of fluxo datagen (transaction_date is epoch milliseconds,
-- which TIMESTAMP(3) reads; trades come about 0.1 s apart, 36,000 an hour), e.g. starting just
-- before an hour boundary:
--   fluxo kafka --topic trades:1 --topic trades_hourly:1
--   fluxo datagen --quickstart trades --topic trades --count 3000 --late-ratio 0.05 \
--     --start-time 2026-01-01T00:58:00Z --bootstrap-servers ADDRESS
--   fluxo run examples/trades_hourly_flink.sql --bootstrap-servers ADDRESS
--
-- The same query in ksqlDB's dialect:
--
--   CREATE STREAM trades (symbol STRING, shares BIGINT, price DOUBLE, transaction_date TIMESTAMP)
--     WITH (KAFKA_TOPIC='trades', VALUE_FORMAT='JSON', TIMESTAMP='transaction_date');
--   CREATE TABLE trades_hourly AS
--     SELECT symbol, WINDOWSTART AS window_start, SUM(shares) AS total_shares,
--            AVG(price) AS avg_price
--     FROM trades WINDOW TUMBLING (SIZE 1 HOUR, GRACE PERIOD 5 SECONDS)
--     GROUP BY symbol EMIT FINAL;

CREATE TABLE trades (
    symbol STRING,
    shares BIGINT,
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

CREATE TABLE trades_hourly (
    symbol STRING,
    window_start TIMESTAMP(3),
    total_shares BIGINT,
    avg_price DOUBLE
) WITH (
    'connector' = 'kafka',
    'topic' = 'trades_hourly',
    'properties.bootstrap.servers' = 'localhost:9092',
    'format' = 'json'
);

INSERT INTO trades_hourly
SELECT symbol,
       TUMBLE_START(transaction_date, INTERVAL '1' HOUR) AS window_start,
       SUM(shares) AS total_shares,
       AVG(price)  AS avg_price
FROM trades
GROUP BY symbol, TUMBLE(transaction_date, INTERVAL '1' HOUR);
