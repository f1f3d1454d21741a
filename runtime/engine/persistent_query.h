#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/engine/query_task.h"
#include "runtime/engine/task_threads.h"
#include "runtime/state/state_instance.h"
#include "runtime/topic/group_membership.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// The state of one task as the engine opens it (a RocksDB database per task on a server).
struct TaskState {
  std::unique_ptr<state::StateInstance> instance;
  /// The state is new: rebuild it from the changelogs when they have it.
  bool restore_from_changelog = false;
  /// Opens it again (`wipe`: emptied); see PersistentQueryOptions::reopen_state.
  std::function<std::unique_ptr<state::StateInstance>(bool wipe)> reopen;
};

/// Opens the state of the task of `task_partition` (nullopt: the query's only task).
using TaskStateFactory = std::function<TaskState(std::optional<int32_t> task_partition)>;

/// What a query's tasks counted, those that moved away included.
struct QueryTotals {
  uint64_t records_read = 0;  ///< From its sources.
  uint64_t commits = 0;
  double commit_time_ms = 0;  ///< All commits together.
  runtime::QueryCounters counters;

  /// Adds what `task` counted.
  void Add(const QueryTask& task);
};

/// A running CREATE ... AS SELECT or INSERT INTO ... SELECT: its plan and its tasks
/// (QueryTask). Normally one task reads every partition of the sources. With `scale.out`, the
/// instances that share a service.id share the query through a Kafka consumer group
/// (`<service.id>-<query id>`) over its first source topic, as Kafka Streams does: each
/// partition they are given becomes a task with state, changelog partition, offsets and
/// transactional id of its own, so that a task moves to another instance (restored from its
/// changelog partition) when its owner leaves or dies. A query that cannot be split that way
/// (a repartition topic, an in-process re-key, sources with different partition counts) runs
/// as one task on the instance that owns partition 0. With `num.stream.threads` above 1, a
/// query that can be split runs one task per partition on a single instance too, and its tasks
/// are polled by that many threads at once (TaskThreads).
class PersistentQuery final : private runtime::PartitionOwner {
 public:
  /// Starts the query (see QueryTask for resuming and exactly-once); under scale.out its tasks
  /// start as the group assigns partitions, during Poll.
  PersistentQuery(planner::PhysicalPlan plan,
                  std::string statement,
                  runtime::TopicClient& topics,
                  ProcessingLog& processing_log,
                  TaskStateFactory open_state,
                  PersistentQueryOptions options = {});
  ~PersistentQuery() override;

  PersistentQuery(const PersistentQuery&) = delete;
  PersistentQuery& operator=(const PersistentQuery&) = delete;

  const std::string& id() const { return plan_.query_id; }

  const planner::PhysicalPlan& plan() const { return plan_; }

  const std::string& statement() const { return statement_; }

  /// One of its tasks on this instance: its state and the source partition it reads.
  struct TaskShare {
    state::StateInstance* state = nullptr;
    int32_t partition = kWholeQuery;  ///< kWholeQuery: every partition (see PartitionsOf).
  };

  /// Its tasks on this instance (pull queries read a TABLE result's materialization in their
  /// state): one, or one per partition owned here when split (scale.out, num.stream.threads).
  std::vector<TaskShare> task_shares() const;

  /// The source partitions `task` reads: its own, or for a task of the whole query every one
  /// (the topic's partition count: asked of the topic client only here).
  std::vector<int32_t> PartitionsOf(const TaskShare& task) const;

  /// The number of partitions of its first source topic (what its tasks split).
  int32_t partition_count() const;

  /// Serves the consumer group (under scale.out), then polls every task (QueryTask::Poll).
  /// Returns the number of records read.
  size_t Poll();

  /// The source partitions whose tasks run here (every one, unless scale.out).
  std::vector<int32_t> owned_partitions() const;

  /// True under scale.out: the query is shared through a consumer group.
  bool scaled_out() const { return membership_ != nullptr; }

  /// What its tasks counted: records read, commits, what the operators counted.
  QueryTotals totals() const;

  int64_t ConsumerLag() const;

  void CommitPending();

  /// True when a task has something to commit (QueryTask::HasPendingCommit).
  bool HasPendingCommit() const;

  bool committed_last_poll() const { return committed_last_poll_; }

  bool failed() const { return error_.has_value(); }

  const std::string& error() const { return error_ ? *error_ : kNoError; }

  /// Stops the query for good because of `reason`.
  void Fail(std::string reason) { error_ = std::move(reason); }

  /// True when `plan` can run as one task per source partition (see the class comment).
  static bool SplitsByPartition(const planner::PhysicalPlan& plan,
                                const runtime::TopicClient& topics);

 private:
  static inline const std::string kNoError;
  /// The key of the only task of a query that is not split.
  static constexpr int32_t kWholeQuery = -1;

  void OnRevoked(const std::vector<int32_t>& partitions) override;
  void OnAssigned(const std::vector<int32_t>& partitions) override;
  /// Starts the task of `partition` (kWholeQuery: every partition).
  void StartTask(int32_t partition);
  /// Commits and closes the task of `partition`, keeping its counts.
  void StopTask(int32_t partition);
  /// Polls every task, on the stream threads when there are several of both; returns the
  /// records read.
  size_t PollTasks();

  planner::PhysicalPlan plan_;
  std::string statement_;
  runtime::TopicClient& topics_;
  ProcessingLog& processing_log_;
  TaskStateFactory open_state_;
  PersistentQueryOptions options_;
  bool split_ = false;      ///< One task per partition.
  int32_t partitions_ = 1;  ///< Of the first source topic.
  std::map<int32_t, std::unique_ptr<QueryTask>> tasks_;
  std::unique_ptr<runtime::GroupMembership> membership_;
  std::unique_ptr<TaskThreads> threads_;  ///< With num.stream.threads above 1.
  QueryTotals closed_totals_;             ///< What tasks that were closed had counted.
  bool committed_last_poll_ = false;
  std::optional<std::string> error_;
};

}  // namespace fluxo::engine
