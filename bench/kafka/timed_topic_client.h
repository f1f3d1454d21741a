#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/topic/group_membership.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::bench {

/// Where a query's thread spent its time inside its TopicClient: wall-clock seconds, calls
/// and records per kind of call.
struct TopicClientTimes {
  double fetch_seconds = 0;
  uint64_t fetch_calls = 0;
  uint64_t fetch_records = 0;
  uint64_t empty_fetches = 0;  ///< Fetches that returned no record.
  double produce_seconds = 0;
  uint64_t produce_calls = 0;
  uint64_t produce_records = 0;
  double metadata_seconds = 0;  ///< PartitionCount, TopicExists, EndOffset, ListTopics.
  uint64_t metadata_calls = 0;
};

/// A TopicClient that forwards every call to another one and adds up how long each kind of
/// call took: the benchmark's way to split the engine's wall time into waiting on Kafka
/// (fetching, producing, metadata) and the rest (deserializing, operators, serializing,
/// committing state) without touching the runtime.
class TimedTopicClient final : public runtime::TopicClient {
 public:
  explicit TimedTopicClient(std::shared_ptr<runtime::TopicClient> inner);

  /// The totals so far.
  TopicClientTimes Times() const;

  void CreateTopic(const std::string& topic,
                   int32_t partitions,
                   const runtime::TopicConfig& config = {}) override;
  bool TopicExists(const std::string& topic) const override;
  int32_t PartitionCount(const std::string& topic) const override;
  void DeleteTopic(const std::string& topic) override;
  std::vector<std::string> ListTopics() const override;
  runtime::TopicRecord Produce(const std::string& topic, runtime::TopicRecord record) override;
  void ProduceAll(const std::string& topic, std::vector<runtime::TopicRecord>& records) override;
  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<runtime::TopicRecord>& records) const override;
  int64_t EndOffset(const std::string& topic, int32_t partition) const override;
  /// Sends are timed as produce calls; AwaitSent as one more (the wait for the broker).
  void Send(const std::string& topic, std::vector<runtime::TopicRecord>& records) override;
  void AwaitSent() override;
  /// The inner client's reader (a query's own consumer, as `fluxo run` has), its fetches timed.
  std::unique_ptr<runtime::TopicReader> NewReader() const override;
  int64_t SkipInvisible(const std::string& topic, int32_t partition, int64_t offset) const override;
  std::unique_ptr<runtime::TransactionalWriter> NewTransactionalWriter(
      const std::string& transactional_id) override;

  void NotifyOnRecords(std::function<void()> callback) override {
    inner_->NotifyOnRecords(std::move(callback));
  }

  std::unique_ptr<runtime::GroupMembership> JoinGroup(const std::string& group_id,
                                                      const std::string& topic,
                                                      runtime::PartitionOwner& owner) override {
    return inner_->JoinGroup(group_id, topic, owner);
  }

 private:
  class TimedReader;

  /// Nanoseconds, calls and records of one kind of call.
  struct Counter {
    std::atomic<int64_t> nanoseconds{0};
    std::atomic<uint64_t> calls{0};
    std::atomic<uint64_t> records{0};
    std::atomic<uint64_t> empty{0};
  };

  std::shared_ptr<runtime::TopicClient> inner_;
  mutable Counter fetch_;
  mutable Counter produce_;
  mutable Counter metadata_;
};

}  // namespace fluxo::bench
