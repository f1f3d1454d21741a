#pragma once

#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

// The engine's own topics (command topic, processing log, changelogs) keep their records on
// partition 0 of a topic created with one partition.

/// Creates `topic` with one partition and the topic configs `config` unless it exists (an
/// existing topic keeps its configs). A broker that can only auto-create
/// topics (librdkafka's mock broker) may give it more: that is accepted (only partition 0 is
/// used) and logged. Throws fluxo::Error (kIo) when the topic cannot be created at all.
/// With `partitions` > 1 (the changelogs of a scaled-out query's tasks), with that many.
void EnsureServiceTopic(runtime::TopicClient& topics,
                        const std::string& topic,
                        const runtime::TopicConfig& config = {},
                        int32_t partitions = 1);

/// The configs of a changelog topic: compacted, as Kafka Streams' changelogs are, so that the
/// broker keeps the last record of every key for as long as the topic lives (a restore needs
/// every key's last value, however old) and drops the records a later one replaced.
const runtime::TopicConfig& ChangelogTopicConfig();

/// Every record of partition 0 of `topic`, in offset order, up to the end offset it had when
/// called (nothing for a missing topic); with a Kafka client, the records of committed
/// transactions only. Throws fluxo::Error (kIo) when a read comes back empty before that end
/// with nothing skipped.
/// `partition` reads another partition instead (a scaled-out query's task); `from`, the
/// records from that offset on.
std::vector<runtime::TopicRecord> ReadServiceTopic(const runtime::TopicClient& topics,
                                                   const std::string& topic,
                                                   int32_t partition = 0,
                                                   int64_t from = 0);

}  // namespace fluxo::engine
