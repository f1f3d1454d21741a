#pragma once

#include <memory>
#include <string>

#include "runtime/kafka/embedded_kafka_cluster.h"
#include "runtime/kafka/kafka_topic_client.h"

namespace fluxo::bench {

/// The Kafka broker the benchmark runs on: the one `--bootstrap-servers` names, or an
/// in-process embedded broker (librdkafka's mock cluster) when none is given. Hands out
/// KafkaTopicClients, each with its own librdkafka producer and consumer, so that the engine,
/// the data loader and the latency probe never share a connection.
class BenchBroker {
 public:
  /// `bootstrap_servers` empty: starts the embedded broker.
  explicit BenchBroker(const std::string& bootstrap_servers);

  const std::string& bootstrap_servers() const { return bootstrap_servers_; }

  /// "embedded (librdkafka mock cluster, in-process)" or "external at HOST:PORT".
  std::string Description() const;

  /// A new TopicClient on this broker (topic creation goes through the embedded broker when
  /// there is one: the mock broker serves no CreateTopics).
  std::shared_ptr<runtime::kafka::KafkaTopicClient> NewTopicClient() const;

 private:
  std::unique_ptr<runtime::kafka::EmbeddedKafkaCluster> embedded_;
  std::string bootstrap_servers_;
};

/// Waits until every partition of `topic` answers an end-offset request: a real broker
/// answers "not leader" for a moment after creating a topic. Throws kIo after 15 s.
void WaitUntilTopicServes(runtime::TopicClient& topics, const std::string& topic);

/// The sum of the end offsets of every partition of `topic` (its record count when it was
/// created empty and never truncated).
int64_t TotalEndOffset(runtime::TopicClient& topics, const std::string& topic);

}  // namespace fluxo::bench
