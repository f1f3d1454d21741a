-- Card transactions, aggregated per card brand in 5-second tumbling windows.
--
-- Shows: a stream declared over a JSON topic with a key column; COUNT, SUM and AVG per brand
-- per window as a persistent CREATE TABLE AS SELECT, once with EMIT CHANGES (an updated row
-- for every transaction, for a live view) and once with EMIT FINAL (one row per window, when
-- the window closes after its grace period).
--
-- Try in the shell: SELECT * FROM brand_totals_live EMIT CHANGES;

CREATE STREAM transactions (
  card_id STRING KEY,
  brand STRING,
  amount DOUBLE,
  merchant STRING,
  city STRING
) WITH (KAFKA_TOPIC='transactions', VALUE_FORMAT='JSON', PARTITIONS=1);

-- Live: every transaction updates its brand's row for the current window.
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

-- Final: one row per brand and window, once the window has closed. Records up to 2 seconds
-- late still count; later ones are dropped.
CREATE TABLE brand_totals_final WITH (KAFKA_TOPIC='brand_totals_final', PARTITIONS=1) AS
  SELECT brand,
         COUNT(*) AS transaction_count,
         SUM(amount) AS total_amount,
         AVG(amount) AS average_amount
  FROM transactions
  WINDOW TUMBLING (SIZE 5 SECONDS, GRACE PERIOD 2 SECONDS)
  GROUP BY brand
  EMIT FINAL;
