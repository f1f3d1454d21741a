#pragma once

#include <cstdint>
#include <string>

#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime::kafka {

/// Asks the cluster behind `handle` to create `topic` through the Admin API with the topic
/// configs `config` (replication factor: the broker's default). Returns false when the topic
/// already exists; throws kIo with librdkafka's error text for any other failure, including a
/// broker that does not serve CreateTopics (librdkafka's mock cluster).
bool CreateTopicWithAdmin(rd_kafka_t* handle,
                          const std::string& topic,
                          int32_t partitions,
                          const TopicConfig& config,
                          int timeout_ms);

/// True when the cluster names a controller among its brokers. librdkafka's mock cluster does
/// not (it reports controller 0, which is no broker of it), and Admin API requests to it wait
/// for one until they time out.
bool ClusterHasController(rd_kafka_t* handle, int timeout_ms);

/// Deletes `topic` through the Admin API; throws kIo with librdkafka's error text on failure.
void DeleteTopicWithAdmin(rd_kafka_t* handle, const std::string& topic, int timeout_ms);

}  // namespace fluxo::runtime::kafka
