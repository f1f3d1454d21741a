-- Stock trades filtered above a threshold into a derived topic: simple event processing in a
-- multi-phase pipeline across topics.
--
-- Shows: phase 1 is a CREATE STREAM AS SELECT that keeps trades worth more than 100,000
-- (price * shares) and writes them, with a computed column, to the topic large_trades.
-- Phase 2 reads that derived stream like any other input: it filters it further into a second
-- topic and aggregates it per symbol.

CREATE STREAM trades (
  trade_id STRING KEY,
  symbol STRING,
  shares INT,
  price DOUBLE,
  trader STRING
) WITH (KAFKA_TOPIC='trades', VALUE_FORMAT='JSON', PARTITIONS=1);

-- Phase 1: large trades into their own topic.
CREATE STREAM large_trades WITH (KAFKA_TOPIC='large_trades', VALUE_FORMAT='JSON', PARTITIONS=1) AS
  SELECT trade_id,
         symbol,
         shares,
         price,
         price * shares AS notional,
         trader
  FROM trades
  WHERE price * shares > 100000
  EMIT CHANGES;

-- Phase 2a: the large trades of a few technology stocks, from the derived stream.
CREATE STREAM large_tech_trades WITH (KAFKA_TOPIC='large_tech_trades', PARTITIONS=1) AS
  SELECT trade_id, symbol, notional, UCASE(trader) AS trader
  FROM large_trades
  WHERE symbol IN ('AAPL', 'MSFT', 'GOOG')
  EMIT CHANGES;

-- Phase 2b: how many large trades, and how much money, per symbol and minute.
CREATE TABLE large_trade_volume WITH (KAFKA_TOPIC='large_trade_volume', PARTITIONS=1) AS
  SELECT symbol,
         COUNT(*) AS trade_count,
         SUM(notional) AS total_notional
  FROM large_trades
  WINDOW TUMBLING (SIZE 1 MINUTE)
  GROUP BY symbol
  EMIT CHANGES;
