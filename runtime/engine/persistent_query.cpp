#include "runtime/engine/persistent_query.h"

#include <numeric>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::engine {

PersistentQuery::PersistentQuery(planner::PhysicalPlan plan,
                                 std::string statement,
                                 runtime::TopicClient& topics,
                                 ProcessingLog& processing_log,
                                 TaskStateFactory open_state,
                                 PersistentQueryOptions options)
    : plan_(std::move(plan)),
      statement_(std::move(statement)),
      topics_(topics),
      processing_log_(processing_log),
      open_state_(std::move(open_state)),
      options_(std::move(options)) {
  if (options_.stream_threads > 1) {
    threads_ = std::make_unique<TaskThreads>(static_cast<size_t>(options_.stream_threads) - 1);
  }
  if (!options_.scale_out) {
    if (options_.stream_threads > 1 && SplitsByPartition(plan_, topics_)) {
      split_ = true;
      partitions_ = topics_.PartitionCount(plan_.source.source.topic);
      for (int32_t partition = 0; partition < partitions_; ++partition) {
        StartTask(partition);
      }
    } else {
      StartTask(kWholeQuery);
    }
    return;
  }
  FLUXO_CHECK(options_.changelog_service_id.has_value(), "scale.out needs changelogs");
  const std::string& source = plan_.source.source.topic;
  split_ = SplitsByPartition(plan_, topics_);
  partitions_ = topics_.PartitionCount(source);
  const std::string group = *options_.changelog_service_id + "-" + id();
  LogLine(LogLevel::kInfo,
          "Query " + id() + " is shared by the instances of service id " +
              *options_.changelog_service_id + " through consumer group " + group + " on " +
              source + ": " +
              (split_ ? "one task per partition"
                      : "one task on one instance at a time (the query re-keys its rows, or its "
                        "sources have different partition counts)"));
  membership_ = topics_.JoinGroup(group, source, *this);
}

PersistentQuery::~PersistentQuery() {
  membership_.reset();  // Leaves the group first: nothing is handed to tasks being destroyed.
  threads_.reset();
  tasks_.clear();
}

bool PersistentQuery::SplitsByPartition(const planner::PhysicalPlan& plan,
                                        const runtime::TopicClient& topics) {
  if (plan.group_by_repartition.has_value() || plan.joins.size() > 1) {
    return false;
  }
  for (const planner::JoinInputStep& input : plan.join_inputs) {
    if (input.repartition.has_value() || topics.PartitionCount(input.source.source.topic) !=
                                             topics.PartitionCount(plan.source.source.topic)) {
      return false;
    }
  }
  // An aggregation after a join or a PARTITION BY re-keys its rows in process; one without
  // GROUP BY needs every row.
  return !plan.aggregate.has_value() || (plan.joins.empty() && !plan.repartition.has_value() &&
                                         !plan.aggregate->aggregation.group_by.empty());
}

void PersistentQuery::StartTask(int32_t partition) {
  const std::optional<int32_t> task =
      partition == kWholeQuery ? std::nullopt : std::optional<int32_t>(partition);
  TaskState state = open_state_(task);
  PersistentQueryOptions options = options_;
  options.restore_from_changelog = state.restore_from_changelog;
  options.reopen_state = std::move(state.reopen);
  options.task_partition = task;
  options.task_partitions = partitions_;
  tasks_[partition] = std::make_unique<QueryTask>(
      plan_, statement_, topics_, processing_log_, std::move(state.instance), std::move(options));
}

void PersistentQuery::StopTask(int32_t partition) {
  const auto found = tasks_.find(partition);
  if (found == tasks_.end()) {
    return;
  }
  QueryTask& task = *found->second;
  try {
    task.CommitPending();
  } catch (const Error& error) {
    // What it did not commit is done again by the next owner.
    LogLine(LogLevel::kWarning,
            "Query " + id() + ": the task of partition " + std::to_string(partition) +
                " could not commit before moving away: " + error.message());
  }
  closed_totals_.Add(task);
  tasks_.erase(found);
}

void PersistentQuery::OnRevoked(const std::vector<int32_t>& partitions) {
  if (!split_) {
    StopTask(kWholeQuery);
    return;
  }
  for (const int32_t partition : partitions) {
    StopTask(partition);
  }
}

void PersistentQuery::OnAssigned(const std::vector<int32_t>& partitions) {
  try {
    for (const int32_t partition : partitions) {
      if (split_) {
        StartTask(partition);
      } else if (partition == 0) {
        StartTask(kWholeQuery);
      }
    }
  } catch (const Error& error) {
    Fail("Query " + id() + " cannot start its tasks: " + error.message());
    LogLine(LogLevel::kError, *error_);
  }
}

size_t PersistentQuery::Poll() {
  if (membership_ != nullptr) {
    membership_->Poll();
  }
  if (failed()) {
    throw Error(ErrorKind::kIo, *error_);
  }
  const size_t read = PollTasks();
  committed_last_poll_ = false;
  for (const auto& [partition, task] : tasks_) {
    committed_last_poll_ = committed_last_poll_ || task->committed_last_poll();
  }
  return read;
}

size_t PersistentQuery::PollTasks() {
  if (threads_ == nullptr || tasks_.size() < 2) {
    size_t read = 0;
    for (const auto& [partition, task] : tasks_) {
      read += task->Poll();
    }
    return read;
  }
  // Tasks share nothing but the topic client and the processing log, which are thread-safe.
  std::vector<QueryTask*> tasks;
  tasks.reserve(tasks_.size());
  for (const auto& [partition, task] : tasks_) {
    tasks.push_back(task.get());
  }
  std::vector<size_t> read(tasks.size(), 0);
  threads_->ForEach(tasks.size(), [&](size_t index) { read[index] = tasks[index]->Poll(); });
  size_t total = 0;
  for (const size_t task_read : read) {
    total += task_read;
  }
  return total;
}

void PersistentQuery::CommitPending() {
  for (const auto& [partition, task] : tasks_) {
    task->CommitPending();
  }
}

bool PersistentQuery::HasPendingCommit() const {
  for (const auto& [partition, task] : tasks_) {
    if (task->HasPendingCommit()) {
      return true;
    }
  }
  return false;
}

std::vector<PersistentQuery::TaskShare> PersistentQuery::task_shares() const {
  std::vector<TaskShare> shares;
  for (const auto& [partition, task] : tasks_) {
    shares.push_back(TaskShare{&task->state(), partition});
  }
  return shares;
}

std::vector<int32_t> PersistentQuery::PartitionsOf(const TaskShare& task) const {
  if (task.partition != kWholeQuery) {
    return {task.partition};
  }
  std::vector<int32_t> partitions(static_cast<size_t>(partition_count()));
  std::iota(partitions.begin(), partitions.end(), 0);
  return partitions;
}

int32_t PersistentQuery::partition_count() const {
  return topics_.PartitionCount(plan_.source.source.topic);
}

std::vector<int32_t> PersistentQuery::owned_partitions() const {
  std::vector<int32_t> owned;
  for (const TaskShare& task : task_shares()) {
    const std::vector<int32_t> partitions = PartitionsOf(task);
    owned.insert(owned.end(), partitions.begin(), partitions.end());
  }
  return owned;
}

void QueryTotals::Add(const QueryTask& task) {
  records_read += task.records_read();
  commits += task.commits();
  commit_time_ms += task.commit_time_ms();
  counters.records_written += task.counters().records_written;
  counters.late_records_dropped += task.counters().late_records_dropped;
}

QueryTotals PersistentQuery::totals() const {
  QueryTotals totals = closed_totals_;
  for (const auto& [partition, task] : tasks_) {
    totals.Add(*task);
  }
  return totals;
}

int64_t PersistentQuery::ConsumerLag() const {
  int64_t lag = 0;
  for (const auto& [partition, task] : tasks_) {
    lag += task->ConsumerLag();
  }
  return lag;
}

}  // namespace fluxo::engine
