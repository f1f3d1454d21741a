#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime {

/// The TopicClient a query runs on under exactly_once_v2: its writes (Produce, ProduceAll,
/// Send: the sinks' output and the changelogs) go into the open transaction of a
/// TransactionalWriter, everything else (reads, metadata, topic creation) to the client
/// underneath. Records produced here are visible to read_committed readers once the writer
/// commits.
class TransactionalTopicClient final : public TopicClient {
 public:
  /// `base` and `writer` must outlive this client.
  TransactionalTopicClient(TopicClient& base, TransactionalWriter& writer);

  void CreateTopic(const std::string& topic,
                   int32_t partitions,
                   const TopicConfig& config = {}) override;
  bool TopicExists(const std::string& topic) const override;
  int32_t PartitionCount(const std::string& topic) const override;
  void DeleteTopic(const std::string& topic) override;
  std::vector<std::string> ListTopics() const override;
  /// Into the transaction: the record comes back with its partition (picked from its key when
  /// -1) but without an offset (-1), which it gets only when the transaction commits.
  TopicRecord Produce(const std::string& topic, TopicRecord record) override;
  /// Into the transaction.
  void ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) override;
  /// Into the transaction.
  void Send(const std::string& topic, std::vector<TopicRecord>& records) override;

  /// Nothing to wait for: the writer's Commit waits for the transaction's records.
  void AwaitSent() override {}

  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) const override;
  int64_t EndOffset(const std::string& topic, int32_t partition) const override;

  int64_t SkipInvisible(const std::string& topic,
                        int32_t partition,
                        int64_t offset) const override {
    return base_.SkipInvisible(topic, partition, offset);
  }

  std::unique_ptr<TopicReader> NewReader() const override;

 private:
  TopicClient& base_;
  TransactionalWriter& writer_;
};

}  // namespace fluxo::runtime
