#pragma once

#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

// The engine's own topics (command topic, processing log, changelogs) keep their records on
// partition 0 of a topic created with one partition.

/// Creates `topic` with one partition unless it exists. A broker that can only auto-create
/// topics (librdkafka's mock broker) may give it more: that is accepted (only partition 0 is
/// used) and logged. Throws fluxo::Error (kIo) when the topic cannot be created at all.
void EnsureServiceTopic(runtime::TopicClient& topics, const std::string& topic);

/// Every record of partition 0 of `topic`, in offset order, up to the end offset it had when
/// called (nothing for a missing topic); with a Kafka client, the records of committed
/// transactions only. Throws fluxo::Error (kIo) when a read comes back empty before that end
/// with nothing skipped.
std::vector<runtime::TopicRecord> ReadServiceTopic(const runtime::TopicClient& topics,
                                                   const std::string& topic);

}  // namespace fluxo::engine
