-- Webhook events POSTed over HTTP into a stream, then queried.
--
-- Shows: a stream for the events a payment provider sends to a webhook endpoint (the JSON
-- body's nested object becomes a STRUCT column, the delivery id is the key, the receive time
-- is the event time); a filter that pulls failed payments out into their own topic, reading
-- struct fields with ->; and deliveries counted per event type and minute.
--
-- Try in the shell:
--   SELECT event_type, payload->customer FROM webhook_events WHERE event_type LIKE 'payment.%'
--   EMIT CHANGES LIMIT 10;

CREATE STREAM webhook_events (
  delivery_id STRING KEY,
  provider STRING,
  event_type STRING,
  received_at BIGINT,
  payload STRUCT<id STRING, amount BIGINT, currency STRING, customer STRING>
) WITH (KAFKA_TOPIC='webhook_events', VALUE_FORMAT='JSON', PARTITIONS=1, TIMESTAMP='received_at');

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

-- Deliveries per provider and event type per minute; late deliveries count for 10 seconds.
CREATE TABLE webhook_counts WITH (KAFKA_TOPIC='webhook_counts', PARTITIONS=1) AS
  SELECT provider,
         event_type,
         COUNT(*) AS delivery_count
  FROM webhook_events
  WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS)
  GROUP BY provider, event_type
  EMIT CHANGES;
