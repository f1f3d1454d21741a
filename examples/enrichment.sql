-- Enrichment of a stream by a table: a stream-table join.
--
-- Shows: a stream of page views and a table of users keyed by its PRIMARY KEY; a
-- CREATE STREAM AS SELECT with a LEFT JOIN that adds each viewer's name and region to every
-- page view (views by unknown users keep null user fields); a hopping-window count over the
-- enriched stream; and INSERT ... VALUES writing three users' rows (they update User_1..User_3
-- when the users topic already holds them). Each view joins its user's row as it is at the
-- view's time: both inputs are read in timestamp order.
--
-- Run it with generated data (the columns are those of datagen's users and pageviews):
--   fluxo kafka --topic users:1 --topic pageviews:1 --topic pageviews_enriched:1 \
--     --topic pageviews_per_region:1                 # prints bootstrap.servers=HOST:PORT
--   fluxo datagen --quickstart users --topic users --count 300 --bootstrap-servers HOST:PORT
--   fluxo run examples/enrichment.sql --bootstrap-servers HOST:PORT
--   fluxo datagen --quickstart pageviews --topic pageviews --rate 20 \
--     --start-time $(date +%s000) --bootstrap-servers HOST:PORT

CREATE STREAM pageviews (
  viewtime BIGINT,
  user_id STRING,
  page_id STRING
) WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON', PARTITIONS=1, TIMESTAMP='viewtime');

CREATE TABLE users (
  user_id STRING PRIMARY KEY,
  registered_at BIGINT,
  name STRING,
  region STRING
) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=1);

INSERT INTO users (user_id, registered_at, name, region)
  VALUES ('User_1', 1700000000000, 'Alice', 'Region_1');
INSERT INTO users (user_id, registered_at, name, region)
  VALUES ('User_2', 1700000100000, 'Bob', 'Region_2');
INSERT INTO users (user_id, registered_at, name, region)
  VALUES ('User_3', 1700000200000, 'Chloé', 'Region_1');

-- Each page view joined with the viewer's current row in users.
CREATE STREAM pageviews_enriched WITH (KAFKA_TOPIC='pageviews_enriched', PARTITIONS=1) AS
  SELECT pv.user_id AS user_id,
         pv.page_id,
         pv.viewtime,
         u.name,
         u.region
  FROM pageviews pv
  LEFT JOIN users u ON pv.user_id = u.user_id
  EMIT CHANGES;

-- Views per region over the last minute, updated every 10 seconds.
CREATE TABLE pageviews_per_region WITH (KAFKA_TOPIC='pageviews_per_region', PARTITIONS=1) AS
  SELECT region, COUNT(*) AS view_count
  FROM pageviews_enriched
  WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 10 SECONDS)
  WHERE region IS NOT NULL
  GROUP BY region
  EMIT CHANGES;
