#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/kafka/kafka_handle.h"

namespace fluxo::runtime::kafka {

/// Asks the cluster for the metadata of `topic` alone, through a short-lived producer handle
/// configured with `properties`. A broker that auto-creates topics (auto.create.topics.enable,
/// as librdkafka's mock broker does) creates a missing topic on such a request with its default
/// partition count: quicker than the Admin API, and the way to create topics where that is
/// refused. Waits up to `timeout_ms` for the topic to appear and returns its partition count;
/// returns nullopt at once when the broker answers that it will not create the topic
/// (UNKNOWN_TOPIC_OR_PART: auto-creation disabled), or after the timeout. Throws kIo for a bad
/// property.
std::optional<int32_t> RequestTopicAutoCreation(const KafkaProperties& properties,
                                                const std::string& topic,
                                                int timeout_ms);

}  // namespace fluxo::runtime::kafka
