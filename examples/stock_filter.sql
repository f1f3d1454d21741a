-- Stock trades filtered above a threshold into a derived topic: simple event processing in a
-- multi-phase pipeline across topics.
--
-- Shows: phase 1 is a CREATE STREAM AS SELECT that keeps the trades worth more than
-- R$ 100,000 (price * shares, exact in DECIMAL) and writes them, with that computed column,
-- to the topic large_trades. Phase 2 reads that derived stream like any other input: it filters
-- it further into a second topic (the large trades of three commodity producers, with a
-- computed size class)
-- and counts and sums it per symbol per minute.
--
-- Input: the `trades` quickstart of fluxo datagen (B3 stocks: PETR4, VALE3, ITUB4, ...), e.g.
--   fluxo kafka --topic trades:1 --topic large_trades:1 --topic large_commodity_trades:1 \
--     --topic large_trade_volume:1
--   fluxo datagen --quickstart trades --topic trades --count 2000 --bootstrap-servers ADDRESS
--   fluxo run examples/stock_filter.sql --bootstrap-servers ADDRESS

-- Read the topic from its first record, as the generator wrote it before the queries start.
SET 'auto.offset.reset' = 'earliest';

CREATE STREAM trades (
  symbol STRING KEY,
  shares BIGINT,
  price DECIMAL(10, 2),
  transaction_date BIGINT
) WITH (KAFKA_TOPIC='trades', VALUE_FORMAT='JSON', PARTITIONS=1,
        TIMESTAMP='transaction_date');

-- Phase 1: large trades into their own topic.
CREATE STREAM large_trades WITH (KAFKA_TOPIC='large_trades', PARTITIONS=1) AS
  SELECT symbol,
         shares,
         price,
         price * shares AS notional,
         transaction_date
  FROM trades
  WHERE price * shares > 100000
  EMIT CHANGES;

-- Phase 2a: the large trades of Petrobras, Vale and Suzano, read from the derived stream;
-- those of R$ 200,000 or more are blocks.
CREATE STREAM large_commodity_trades WITH (KAFKA_TOPIC='large_commodity_trades', PARTITIONS=1) AS
  SELECT symbol,
         notional,
         CASE WHEN notional >= 200000 THEN 'BLOCK' ELSE 'LARGE' END AS size_class
  FROM large_trades
  WHERE symbol IN ('PETR4', 'VALE3', 'SUZB3')
  EMIT CHANGES;

-- Phase 2b: how many large trades, and how much money, per symbol and minute (the derived
-- records keep the trades' event time).
CREATE TABLE large_trade_volume WITH (KAFKA_TOPIC='large_trade_volume', PARTITIONS=1) AS
  SELECT symbol,
         WINDOWSTART AS window_start,
         COUNT(*) AS trade_count,
         SUM(notional) AS total_notional
  FROM large_trades
  WINDOW TUMBLING (SIZE 1 MINUTE)
  GROUP BY symbol
  EMIT CHANGES;
