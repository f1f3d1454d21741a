#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bench/kafka/topic_tail.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::bench {

/// A TopicTail through Fluxo's own TopicClient (KafkaTopicClient), for when kcat is not on
/// PATH: per partition, asks the end offset, then fetches exactly the records below it (so that
/// the fetch does not wait for a full batch). Its polling adds a few ms: one end-offset request
/// per partition per round.
class TopicClientTail final : public TopicTail {
 public:
  TopicClientTail(std::shared_ptr<runtime::TopicClient> topics,
                  std::string topic,
                  int64_t measure_from_ms);

  void Run(const std::atomic<uint64_t>& expected, const std::atomic<bool>& expected_final) override;

  std::string Name() const override { return "KafkaTopicClient"; }

 private:
  void ReadUntilDone(const std::atomic<uint64_t>& expected,
                     const std::atomic<bool>& expected_final);

  std::shared_ptr<runtime::TopicClient> topics_;
  std::string topic_;
  std::vector<int64_t> next_;
};

}  // namespace fluxo::bench
