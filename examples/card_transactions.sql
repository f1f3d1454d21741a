-- Card transactions, aggregated per card brand in 5-second tumbling windows.
--
-- Shows: a stream declared over a JSON topic with a key column and an event-time column;
-- COUNT, SUM and AVG per brand per window as a persistent CREATE TABLE AS SELECT, once with
-- EMIT CHANGES (an updated row for every transaction, for a live view) and once with EMIT
-- FINAL (one row per window, when the window closes after its grace period; records later than
-- that are dropped).
--
-- Input: the `transactions` quickstart of fluxo datagen, e.g. with the embedded broker
--   fluxo kafka --topic transactions:1 --topic brand_totals_live:1 --topic brand_totals_final:1
--   fluxo datagen --quickstart transactions --topic transactions --count 2000 \
--     --late-ratio 0.05 --bootstrap-servers ADDRESS
--   fluxo run examples/card_transactions.sql --bootstrap-servers ADDRESS
--
-- Try in the shell: SELECT * FROM brand_totals_live EMIT CHANGES;

-- Read the topic from its first record, as the generator wrote it before the queries start.
SET 'auto.offset.reset' = 'earliest';

-- ts is the event time (epoch ms); windows follow it, not the time records arrive.
CREATE STREAM transactions (
  card_id STRING KEY,
  brand STRING,
  amount DECIMAL(10, 2),
  merchant STRING,
  city STRING,
  ts BIGINT
) WITH (KAFKA_TOPIC='transactions', VALUE_FORMAT='JSON', PARTITIONS=1, TIMESTAMP='ts');

-- Live: every transaction updates its brand's row for its window. Without a GRACE PERIOD,
-- ksqlDB's default applies (24 hours less the window size), so late records still count here.
CREATE TABLE brand_totals_live WITH (KAFKA_TOPIC='brand_totals_live', PARTITIONS=1) AS
  SELECT brand,
         WINDOWSTART AS window_start,
         WINDOWEND AS window_end,
         COUNT(*) AS transaction_count,
         SUM(amount) AS total_amount,
         AVG(amount) AS average_amount
  FROM transactions
  WINDOW TUMBLING (SIZE 5 SECONDS)
  GROUP BY brand
  EMIT CHANGES;

-- Final: one row per brand and window, once stream time (the largest ts seen) reaches the
-- window's end plus 2 seconds. Records up to 2 seconds late still count; later ones are
-- dropped. RETENTION keeps closed windows for an hour, so that a window still comes out when
-- stream time jumps past it (between bursts of transactions) instead of being purged unseen.
CREATE TABLE brand_totals_final WITH (KAFKA_TOPIC='brand_totals_final', PARTITIONS=1) AS
  SELECT brand,
         WINDOWSTART AS window_start,
         WINDOWEND AS window_end,
         COUNT(*) AS transaction_count,
         SUM(amount) AS total_amount,
         AVG(amount) AS average_amount
  FROM transactions
  WINDOW TUMBLING (SIZE 5 SECONDS, RETENTION 1 HOUR, GRACE PERIOD 2 SECONDS)
  GROUP BY brand
  EMIT FINAL;
