#pragma once

#include <string>

#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime::kafka {

/// Copies a consumed message (key, value, timestamp, headers, partition, offset) into a record.
TopicRecord RecordFromMessage(const rd_kafka_message_t& message);

/// As RecordFromMessage, into `record`, reusing its buffers.
void CopyMessageInto(const rd_kafka_message_t& message, TopicRecord& record);

/// Builds librdkafka headers from the record's headers (nothing when it has none).
HeadersPtr HeadersFromRecord(const TopicRecord& record);

/// The producer's handle for `topic`, taken once per batch of records: naming the topic on
/// every produce call makes librdkafka look it up (under its client lock) per record. Throws
/// fluxo::Error (kIo) when librdkafka refuses.
TopicPtr ProducerTopic(rd_kafka_t* producer, const std::string& topic);

/// Hands a copy of `record` (key, value, timestamp, headers; its partition, or the
/// partitioner's choice when negative) to `producer` for `topic`, with `opaque` for its
/// delivery report. While the producer's queue is full it serves delivery reports and tries
/// again. Returns librdkafka's answer to the call (not the delivery's).
rd_kafka_resp_err_t ProduceCopy(rd_kafka_t* producer,
                                rd_kafka_topic_t* topic,
                                const TopicRecord& record,
                                void* opaque = nullptr);

}  // namespace fluxo::runtime::kafka
