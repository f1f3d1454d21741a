#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// Topics as in-memory logs: deterministic, no retention, for unit and conformance tests (and
/// never for integration tests, which use a real broker). Thread-safe.
class InMemoryTopicClient final : public TopicClient {
 public:
  void CreateTopic(const std::string& topic, int32_t partitions) override;
  bool TopicExists(const std::string& topic) const override;
  int32_t PartitionCount(const std::string& topic) const override;
  void DeleteTopic(const std::string& topic) override;
  std::vector<std::string> ListTopics() const override;
  TopicRecord Produce(const std::string& topic, TopicRecord record) override;
  std::vector<TopicRecord> Fetch(const std::string& topic,
                                 int32_t partition,
                                 int64_t offset,
                                 size_t max_records) const override;
  int64_t EndOffset(const std::string& topic, int32_t partition) const override;

 private:
  using Partition = std::vector<TopicRecord>;

  const std::vector<Partition>& PartitionsOf(const std::string& topic) const;
  std::vector<Partition>& PartitionsOf(const std::string& topic);

  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Partition>> topics_;
};

}  // namespace fluxo::runtime
