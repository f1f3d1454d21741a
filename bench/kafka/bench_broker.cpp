#include "bench/kafka/bench_broker.h"

#include <chrono>
#include <thread>

#include "runtime/core/error.h"

namespace fluxo::bench {

BenchBroker::BenchBroker(const std::string& bootstrap_servers)
    : bootstrap_servers_(bootstrap_servers) {
  if (bootstrap_servers_.empty()) {
    embedded_ = std::make_unique<runtime::kafka::EmbeddedKafkaCluster>();
    bootstrap_servers_ = embedded_->BootstrapServers();
  }
}

std::string BenchBroker::Description() const {
  if (embedded_ != nullptr) {
    return "embedded (librdkafka mock cluster, in-process) at " + bootstrap_servers_;
  }
  return "external at " + bootstrap_servers_;
}

std::shared_ptr<runtime::kafka::KafkaTopicClient> BenchBroker::NewTopicClient() const {
  const runtime::kafka::KafkaProperties properties = {{"bootstrap.servers", bootstrap_servers_}};
  return std::make_shared<runtime::kafka::KafkaTopicClient>(properties, embedded_.get());
}

void WaitUntilTopicServes(runtime::TopicClient& topics, const std::string& topic) {
  constexpr int kAttempts = 150;
  for (int attempt = 1;; ++attempt) {
    try {
      TotalEndOffset(topics, topic);
      return;
    } catch (const Error&) {
      if (attempt == kAttempts) {
        throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

int64_t TotalEndOffset(runtime::TopicClient& topics, const std::string& topic) {
  const int32_t partitions = topics.PartitionCount(topic);
  int64_t total = 0;
  for (int32_t partition = 0; partition < partitions; ++partition) {
    total += topics.EndOffset(topic, partition);
  }
  return total;
}

}  // namespace fluxo::bench
