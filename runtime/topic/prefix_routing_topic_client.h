#pragma once

#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// A TopicClient that serves the topics whose names start with a prefix from a second client
/// and every other topic from the main one. The engine routes push queries' result topics to
/// in-memory topics this way: a transient result never needs a broker round trip, nor a topic
/// left behind on a broker that cannot delete topics. ListTopics lists the main client's.
class PrefixRoutingTopicClient final : public TopicClient {
 public:
  /// Both clients must outlive this one.
  PrefixRoutingTopicClient(TopicClient& main, TopicClient& prefixed, std::string prefix);

  void CreateTopic(const std::string& topic,
                   int32_t partitions,
                   const TopicConfig& config = {}) override;
  bool TopicExists(const std::string& topic) const override;
  int32_t PartitionCount(const std::string& topic) const override;
  void DeleteTopic(const std::string& topic) override;
  std::vector<std::string> ListTopics() const override;
  TopicRecord Produce(const std::string& topic, TopicRecord record) override;
  void ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) override;
  void Send(const std::string& topic, std::vector<TopicRecord>& records) override;
  /// Waits for both clients.
  void AwaitSent() override;
  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) const override;
  int64_t EndOffset(const std::string& topic, int32_t partition) const override;

  int64_t SkipInvisible(const std::string& topic,
                        int32_t partition,
                        int64_t offset) const override {
    return For(topic).SkipInvisible(topic, partition, offset);
  }

  /// Readers of both clients, picked per topic.
  std::unique_ptr<TopicReader> NewReader() const override;
  /// The main client's: transactions write to the main client's topics only.
  std::unique_ptr<TransactionalWriter> NewTransactionalWriter(
      const std::string& transactional_id) override;
  /// Both clients'.
  void NotifyOnRecords(std::function<void()> callback) override;
  /// The client of `topic`'s.
  std::unique_ptr<GroupMembership> JoinGroup(const std::string& group_id,
                                             const std::string& topic,
                                             PartitionOwner& owner) override;

 private:
  TopicClient& For(const std::string& topic) const;

  TopicClient& main_;
  TopicClient& prefixed_;
  std::string prefix_;
};

}  // namespace fluxo::runtime
