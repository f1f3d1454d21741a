#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/topic/in_memory_consumer_groups.h"
#include "runtime/topic/topic_client.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime {

/// Topics as in-memory logs: deterministic, no retention, for unit and conformance tests (and
/// never for integration tests, which use a real broker). Thread-safe.
class InMemoryTopicClient final : public TopicClient {
 public:
  /// Keeps `config` for ConfigOf; applies none of it (no compaction, no retention).
  void CreateTopic(const std::string& topic,
                   int32_t partitions,
                   const TopicConfig& config = {}) override;
  bool TopicExists(const std::string& topic) const override;
  int32_t PartitionCount(const std::string& topic) const override;
  void DeleteTopic(const std::string& topic) override;
  std::vector<std::string> ListTopics() const override;
  TopicRecord Produce(const std::string& topic, TopicRecord record) override;
  /// Moves the records into the log: no copies.
  void ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) override;
  /// Copies into the existing records of `records`, so that their strings keep their buffers.
  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) const override;
  int64_t EndOffset(const std::string& topic, int32_t partition) const override;
  /// An InMemoryTransactionalWriter: records appear on Commit, never on Abort; it fences the
  /// earlier writers of `transactional_id`.
  std::unique_ptr<TransactionalWriter> NewTransactionalWriter(
      const std::string& transactional_id) override;
  /// A member of an in-memory group (InMemoryConsumerGroups) shared by the users of this
  /// client.
  std::unique_ptr<GroupMembership> JoinGroup(const std::string& group_id,
                                             const std::string& topic,
                                             PartitionOwner& owner) override;

  /// For tests: the configs `topic` was created with (empty for a missing topic).
  TopicConfig ConfigOf(const std::string& topic) const;

  /// For tests: the next Commit of a transactional writer of this client fails with `failure`
  /// (kAbortable: as a request timeout inside a transaction; kFatal: as fencing).
  void FailNextTransactionCommit(TransactionFailure failure);

  /// The epoch of the newest writer of `transactional_id` (0: none); for the writers.
  int64_t TransactionEpoch(const std::string& transactional_id) const;
  /// Returns the failure FailNextTransactionCommit asked for and forgets it; for the writers.
  TransactionFailure TakeInjectedCommitFailure();

 private:
  /// A deque: appending never moves the records already stored.
  using Partition = std::deque<TopicRecord>;

  const std::vector<Partition>& PartitionsOf(const std::string& topic) const;
  std::vector<Partition>& PartitionsOf(const std::string& topic);
  /// The log of one partition; throws kIo when it does not exist. Call with the lock held.
  const Partition& LogOf(const std::string& topic, int32_t partition) const;
  /// Sets the record's partition (from its key when -1) and offset, appends it and returns the
  /// stored record. Call with the lock held.
  static const TopicRecord& Append(const std::string& topic,
                                   std::vector<Partition>& partitions,
                                   TopicRecord&& record);

  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Partition>> topics_;
  std::map<std::string, TopicConfig> configs_;         ///< As created, by topic.
  std::map<std::string, int64_t> transaction_epochs_;  ///< By transactional id.
  TransactionFailure injected_commit_failure_ = TransactionFailure::kNone;
  InMemoryConsumerGroups groups_;
};

}  // namespace fluxo::runtime
