-- Replay from the beginning of a topic: Kappa-style reprocessing.
--
-- Shows: SET 'auto.offset.reset' = 'earliest' makes the queries created after it read their
-- input topic from its first record instead of only new ones, also where the configuration
-- says 'latest' (ksqlDB's default; Fluxo's is 'earliest'). A corrected version (v2) of a
-- cleaning query reprocesses the whole history of clicks into a new topic, and a new result
-- table is rebuilt from all of it; the old outputs stay untouched until they are dropped.
--
-- Running this file again without the state of the last run (no state.dir, or a new one, or a
-- new service.id) reprocesses the history once more: clicks_cleaned_v2 gets a second copy and
-- the counts, which read it from the start, count both. The next correction writes to new
-- topics (v3) instead.

SET 'auto.offset.reset' = 'earliest';

CREATE STREAM clicks (
  user_id STRING KEY,
  url STRING,
  referrer STRING,
  clicked_at BIGINT
) WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON', PARTITIONS=1, TIMESTAMP='clicked_at');

-- v2 of the cleaned clicks: referrers in lower case, clicks without a URL dropped.
CREATE STREAM clicks_cleaned_v2 WITH (KAFKA_TOPIC='clicks_cleaned_v2', PARTITIONS=1) AS
  SELECT user_id,
         url,
         LCASE(COALESCE(referrer, 'direct')) AS referrer,
         clicked_at
  FROM clicks
  WHERE url IS NOT NULL
  EMIT CHANGES;

-- A new result computed over the whole history: clicks per referrer.
CREATE TABLE clicks_per_referrer_v2 WITH (KAFKA_TOPIC='clicks_per_referrer_v2', PARTITIONS=1) AS
  SELECT referrer, COUNT(*) AS click_count
  FROM clicks_cleaned_v2
  GROUP BY referrer
  EMIT CHANGES;

UNSET 'auto.offset.reset';
