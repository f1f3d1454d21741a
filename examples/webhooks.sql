-- Webhook events POSTed over HTTP into a stream, then queried.
--
-- Shows: a stream for the events a payment provider sends to `fluxo server`'s webhook endpoint,
-- POST /webhooks/webhook_events (the JSON body's nested object becomes a STRUCT column, the
-- delivery id is the key, the time the server received the delivery is the record's timestamp,
-- ROWTIME); a filter that pulls failed payments out into their own topic, reading struct fields
-- with ->; and deliveries counted per provider, event type and minute (two key columns, so the
-- table's key format is JSON).
--
-- Run it: start `fluxo server --set webhook.secret=SECRET` (an embedded broker unless
-- bootstrap.servers is set), load this file with
-- `fluxo shell --server http://127.0.0.1:8088 -f examples/webhooks.sql`, then send events with
-- `WEBHOOK_SECRET=SECRET examples/webhooks.sh` (see that script).
--
-- Try in the shell:
--   SET 'auto.offset.reset' = 'earliest';
--   SELECT event_type, payload->customer FROM webhook_events WHERE event_type LIKE 'payment.%'
--   EMIT CHANGES LIMIT 5;

CREATE STREAM webhook_events (
  delivery_id STRING KEY,
  provider STRING,
  event_type STRING,
  payload STRUCT<id STRING, amount BIGINT, currency STRING, customer STRING>
) WITH (KAFKA_TOPIC='webhook_events', VALUE_FORMAT='JSON', PARTITIONS=1);

-- Failed payments, with the amount in currency units instead of cents.
CREATE STREAM failed_payments WITH (KAFKA_TOPIC='failed_payments', PARTITIONS=1) AS
  SELECT delivery_id,
         payload->id AS payment_id,
         payload->customer AS customer,
         CAST(payload->amount AS DOUBLE) / 100 AS amount,
         UCASE(payload->currency) AS currency
  FROM webhook_events
  WHERE event_type = 'payment.failed' AND payload->amount > 0
  EMIT CHANGES;

-- Deliveries per provider and event type per minute of arrival; a delivery stamped up to 10
-- seconds out of order (concurrent requests) still counts in its minute.
CREATE TABLE webhook_counts WITH (KAFKA_TOPIC='webhook_counts', KEY_FORMAT='JSON', PARTITIONS=1) AS
  SELECT provider,
         event_type,
         COUNT(*) AS delivery_count
  FROM webhook_events
  WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS)
  GROUP BY provider, event_type
  EMIT CHANGES;
