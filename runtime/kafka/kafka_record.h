#pragma once

#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime::kafka {

/// Copies a consumed message (key, value, timestamp, headers, partition, offset) into a record.
TopicRecord RecordFromMessage(const rd_kafka_message_t& message);

/// As RecordFromMessage, into `record`, reusing its buffers.
void CopyMessageInto(const rd_kafka_message_t& message, TopicRecord& record);

/// Builds librdkafka headers from the record's headers (nothing when it has none).
HeadersPtr HeadersFromRecord(const TopicRecord& record);

}  // namespace fluxo::runtime::kafka
