#pragma once

#include <cstdint>
#include <string>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "runtime/kafka/rdkafka_handles.h"

namespace fluxo::runtime::kafka {

/// An in-process Kafka-protocol broker: librdkafka's mock cluster (rdkafka_mock.h) listening on
/// 127.0.0.1 ports the operating system picks. Data lives in memory only. The mock broker does
/// not serve CreateTopics or DeleteTopics, so topics are created through CreateTopic here;
/// other topics a producer names are auto-created with 4 partitions. Stops when destroyed.
class EmbeddedKafkaCluster {
 public:
  /// Starts `brokers` brokers (ids 1..brokers). Throws kIo when librdkafka cannot.
  explicit EmbeddedKafkaCluster(int brokers = 1);
  ~EmbeddedKafkaCluster();

  EmbeddedKafkaCluster(const EmbeddedKafkaCluster&) = delete;
  EmbeddedKafkaCluster& operator=(const EmbeddedKafkaCluster&) = delete;

  /// The `bootstrap.servers` value: `127.0.0.1:PORT[,127.0.0.1:PORT...]`.
  const std::string& BootstrapServers() const { return bootstrap_servers_; }

  /// Creates `topic` with `partitions` partitions (replication factor 1). Throws kIo when the
  /// mock refuses.
  void CreateTopic(const std::string& topic, int32_t partitions);

 private:
  HandlePtr handle_;  ///< The dummy producer the mock cluster is attached to; outlives it.
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_servers_;
};

}  // namespace fluxo::runtime::kafka
