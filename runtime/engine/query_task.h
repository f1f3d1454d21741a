#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/engine/changelog.h"
#include "runtime/engine/exactly_once_commit.h"
#include "runtime/engine/repartition_progress.h"
#include "runtime/operators/pipeline.h"
#include "runtime/state/state_instance.h"
#include "runtime/topic/topic_client.h"
#include "runtime/topic/transactional_topic_client.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::engine {

/// How a persistent query starts and commits.
struct PersistentQueryOptions {
  /// Where a partition without a committed offset starts: its end (`auto.offset.reset` =
  /// latest) or its start.
  bool from_end = false;
  /// The longest time between two commits while input keeps coming (`commit.interval.ms`);
  /// a query also commits as soon as it has caught up with its input.
  int64_t commit_interval_ms = 2000;
  /// Keep changelog topics of the state under this service id (none: no changelogs).
  std::optional<std::string> changelog_service_id;
  /// The state is new: rebuild it from the changelogs when they have it.
  bool restore_from_changelog = false;
  /// processing.guarantee=exactly_once_v2: the output, changelogs and offsets of each commit
  /// go to Kafka in one transaction (transactional id `<service id>-<query id>`) before the
  /// state is written locally. Needs changelog_service_id and reopen_state.
  bool exactly_once = false;
  /// Opens the query's state again after the query closed it; `wipe`: emptied (holding only
  /// the statement). Under exactly_once_v2, a local state that disagrees with Kafka's last
  /// committed transaction is wiped and rebuilt from the changelogs, and an aborted
  /// transaction reopens the state to drop what was not committed.
  std::function<std::unique_ptr<state::StateInstance>(bool wipe)> reopen_state;
  /// `scale.out`: instances with one service.id split the query's partitions through a Kafka
  /// consumer group, one task per partition (PersistentQuery). Needs changelog_service_id.
  bool scale_out = false;
  /// The task reads only this partition of each input, and keeps its changelogs and offsets on
  /// this partition of topics with `task_partitions` partitions (nullopt: every partition,
  /// changelogs on one partition).
  std::optional<int32_t> task_partition;
  int32_t task_partitions = 1;
  /// `num.stream.threads`: how many threads poll the query's tasks at once. Above 1, a query
  /// that can be split (PersistentQuery::SplitsByPartition) runs one task per source
  /// partition even without scale.out.
  int32_t stream_threads = 1;
};

/// Push queries' ids start with this (`transient_<n>`).
inline constexpr std::string_view kTransientQueryPrefix = "transient_";

/// One task of a persistent query (PersistentQuery): its operators and state over its input
/// partitions (one partition of each input, or all of them), and how far it has read each.
class QueryTask {
 public:
  /// Starts the query over `topics`, keeping its operators' state in `state` (the query owns
  /// it: RocksDB for a server, in memory for tests).
  /// It resumes each source partition after the offset committed with `state` by an earlier
  /// run, and throws fluxo::Error (kIo) when that offset lies beyond the partition's end (the
  /// topic was deleted and recreated: never a silent reset). A partition without a committed
  /// offset is read from its start, or with `options.from_end` (ksqlDB's
  /// `auto.offset.reset=latest`) from what arrives after this constructor. With
  /// `options.exactly_once` it first takes the query's transactional id (fencing an older
  /// instance), then checks its state against the last committed transaction.
  QueryTask(planner::PhysicalPlan plan,
            std::string statement,
            runtime::TopicClient& topics,
            ProcessingLog& processing_log,
            std::unique_ptr<state::StateInstance> state,
            PersistentQueryOptions options = {});

  /// The state metadata key of the statement the state belongs to.
  static constexpr std::string_view kStatementMetadataKey = "statement";

  const std::string& id() const { return plan_.query_id; }

  const planner::PhysicalPlan& plan() const { return plan_; }

  const std::string& statement() const { return statement_; }

  /// The query's state stores (pull queries read a TABLE result's materialization here).
  state::StateInstance& state() { return *state_; }

  /// Reads and processes what is available on every source partition (up to kBatchesPerTurn
  /// batches each). Commits (the operators' state, their pending output and the offsets) when
  /// commit.interval.ms has passed since the last commit, or when this poll found nothing more
  /// to read (under at_least_once, once kCaughtUpCommitGap has passed since the last commit).
  /// Returns the number of records read.
  size_t Poll();

  /// The partition this task owns (nullopt: every partition).
  std::optional<int32_t> task_partition() const { return options_.task_partition; }

  /// The number of records the query has read from its sources.
  uint64_t records_read() const { return records_read_; }

  /// What the operators counted: records written, late records dropped.
  const runtime::QueryCounters& counters() const { return pipeline_->counters(); }

  /// The records of its source partitions it has not read yet (end offset minus next
  /// offset, summed): asks the broker for the end offsets.
  int64_t ConsumerLag() const;

  /// How many commits it made, and their time in all, in milliseconds.
  uint64_t commits() const { return commits_; }

  double commit_time_ms() const { return commit_time_ms_; }

  /// Commits what was processed since the last commit and publishes to the changelogs what is
  /// not there yet, if anything (a clean shutdown, a task moving to another instance).
  void CommitPending();

  /// True when records were processed since the last commit, or a commit is not in the
  /// changelogs yet: CommitPending has work to do.
  bool HasPendingCommit() const { return uncommitted_ || unpublished_; }

  /// True when the last Poll committed (and so may have written output).
  bool committed_last_poll() const { return committed_last_poll_; }

 private:
  static constexpr size_t kBatchSize = 1024;
  /// Under at_least_once, the shortest time between two commits of a query that has caught
  /// up with its input (at most commit.interval.ms).
  static constexpr std::chrono::milliseconds kCaughtUpCommitGap{100};
  /// At most this many batches per partition per Poll, so that a busy input gives the other
  /// queries and the front ends their turn.
  static constexpr int kBatchesPerTurn = 16;

  /// The state metadata key of the next offset to read from a topic partition.
  static std::string OffsetMetadataKey(const std::string& topic, int32_t partition);
  /// Builds the operators, the changelog and the offsets over state_ (on construction, and
  /// again after an aborted transaction).
  void Start();
  /// Under exactly_once_v2: wipes the local state and restores it from the changelogs when it
  /// disagrees with Kafka's last committed transaction. Returns true when it restored.
  bool ReconcileWithKafka(const std::map<std::string, std::string>& committed);
  /// Where each partition starts: committed offsets, else the start or the end.
  void InitializeOffsets(bool from_end);
  /// Writes the operators' state, their pending output and the next offsets in one commit, and
  /// notes when (last_commit_; uncommitted_ cleared).
  /// Under at_least_once, `publish` sends the commit to the changelogs even when
  /// commit.interval.ms has not passed since the last time.
  void Commit(bool publish = false);
  /// Counts the records of a pushed batch that came from sources (not read back from a
  /// repartition topic) as read.
  void CountSourceRecords(size_t pushed, size_t read_back);
  /// Runs `step` (a poll or a commit); under exactly_once_v2 a failed transaction is aborted
  /// and the query restarts from its last commit, and a fatal one stops it for good.
  template <typename Step>
  auto WithTransactions(Step&& step) -> decltype(step());
  /// Reads and processes a turn's records and commits when due (Poll's work).
  size_t PollOnce();

  /// Writes go here: the transactional client under exactly_once_v2, else topics_.
  runtime::TopicClient& output() { return eos_topics_ != nullptr ? *eos_topics_ : topics_; }

  /// True under exactly_once_v2 when commit.interval.ms has passed since the last commit.
  bool CommitDueMidTurn() const;
  /// The partitions of `topic` this task reads: its own, or all (looked up once per topic).
  const std::vector<int32_t>& InputPartitions(const std::string& topic);
  /// Reads `topics`: PollTopic for one, else PollTopics.
  size_t PollInputs(const std::vector<std::string>& topics);
  /// Reads one source topic (a query with one input).
  size_t PollTopic(const std::string& topic);
  /// Reads several source topics (a join query), in timestamp order across them. Stops early
  /// when a repartition topic's records that this run wrote are not readable yet.
  size_t PollTopics(const std::vector<std::string>& topics);
  /// Fetches a batch of a partition from `next` into `records`; moves `next` past the
  /// repartition records to skip.
  void Fetch(const std::string& topic,
             int32_t partition,
             int64_t& next,
             std::vector<runtime::TopicRecord>& records);
  /// True when a repartition partition holds records this run wrote that it has not read.
  bool AwaitsRepartition(const std::string& topic, int32_t partition) const;

  planner::PhysicalPlan plan_;
  std::string statement_;
  runtime::TopicClient& topics_;
  ProcessingLog& processing_log_;
  PersistentQueryOptions options_;
  // Declared in the order they may refer to each other: destroyed the other way round.
  std::unique_ptr<runtime::TransactionalWriter> writer_;           ///< Under exactly_once_v2.
  std::unique_ptr<runtime::TransactionalTopicClient> eos_topics_;  ///< Writes via writer_.
  std::unique_ptr<Changelog> changelog_;
  std::unique_ptr<ExactlyOnceCommit> exactly_once_commit_;
  std::unique_ptr<state::StateInstance> state_;
  std::unique_ptr<runtime::TopicReader> reader_;  ///< Its own consumer on Kafka.
  std::unique_ptr<runtime::Pipeline> pipeline_;
  /// The topics join inputs are re-keyed through (with a service id only).
  runtime::RepartitionTopics repartitions_;
  RepartitionProgress repartition_progress_;
  std::map<std::pair<std::string, int32_t>, int64_t> next_offsets_;  ///< Per topic partition.
  std::map<std::string, std::vector<int32_t>, std::less<>> input_partitions_;  ///< By topic.
  /// Where partitions without a committed offset started (kept for a restart).
  std::map<std::pair<std::string, int32_t>, int64_t> initial_offsets_;
  /// The records of the last fetch, kept so that the next fetch reuses their buffers.
  std::vector<runtime::TopicRecord> fetched_;
  int32_t first_partition_ = 0;  ///< Where PollTopic's next turn starts.
  bool uncommitted_ = false;     ///< Records were processed since the last commit.
  bool unpublished_ = false;     ///< A commit is not in the changelogs yet.
  bool committed_last_poll_ = false;
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_publish_ = std::chrono::steady_clock::now();
  uint64_t records_read_ = 0;
  uint64_t commits_ = 0;
  double commit_time_ms_ = 0;
};

}  // namespace fluxo::engine
