#include "runtime/engine/query_task.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/engine/window_store_retention.h"

namespace fluxo::engine {

QueryTask::QueryTask(planner::PhysicalPlan plan,
                     std::string statement,
                     runtime::TopicClient& topics,
                     ProcessingLog& processing_log,
                     std::unique_ptr<state::StateInstance> state,
                     PersistentQueryOptions options)
    : plan_(std::move(plan)),
      statement_(std::move(statement)),
      topics_(topics),
      processing_log_(processing_log),
      options_(std::move(options)),
      state_(std::move(state)) {
  if (options_.exactly_once) {
    FLUXO_CHECK(options_.changelog_service_id.has_value() && options_.reopen_state,
                "exactly-once needs changelogs and a way to reopen the state");
    // Fences any older instance of this query (and aborts its open transaction) before the
    // committed offsets are read.
    std::string transactional_id = *options_.changelog_service_id + "-" + id();
    if (options_.task_partition.has_value()) {
      transactional_id += "-" + std::to_string(*options_.task_partition);
    }
    writer_ = topics_.NewTransactionalWriter(transactional_id);
    eos_topics_ = std::make_unique<runtime::TransactionalTopicClient>(topics_, *writer_);
  }
  Start();
}

void QueryTask::Start() {
  reader_ = topics_.NewReader();
  if (options_.changelog_service_id.has_value() && repartitions_.empty()) {
    // On Kafka, a join input or a GROUP BY re-keyed by its key goes through a repartition topic.
    repartitions_ = EnsureRepartitionTopics(plan_, topics_, *options_.changelog_service_id);
  }
  pipeline_ = runtime::Pipeline::Build(plan_, output(), processing_log_, *state_, repartitions_);
  if (options_.changelog_service_id.has_value()) {
    changelog_ = std::make_unique<Changelog>(output(),
                                             *options_.changelog_service_id,
                                             id(),
                                             options_.task_partition,
                                             options_.task_partitions,
                                             WindowStoreRetentions(plan_));
    if (writer_ != nullptr || options_.task_partition.has_value()) {
      // Under exactly_once_v2 the last committed transaction decides (read once for both); a
      // task of a scaled-out query may have been moved here from another instance since its
      // local state was written.
      const std::map<std::string, std::string> committed = changelog_->ReadCommitted();
      const bool restored = ReconcileWithKafka(committed);
      if (options_.restore_from_changelog && !restored) {
        changelog_->Restore(*state_, statement_, committed);
      }
    } else if (options_.restore_from_changelog) {
      changelog_->Restore(*state_, statement_);
    }
    options_.restore_from_changelog = false;  // Once: the state is now the changelogs'.
    if (writer_ != nullptr) {
      exactly_once_commit_ = std::make_unique<ExactlyOnceCommit>(*changelog_, *writer_, statement_);
      state_->SetFlushListener(exactly_once_commit_.get());
    } else {
      state_->SetFlushListener(changelog_.get());
    }
  }
  InitializeOffsets(options_.from_end);
  repartition_progress_.Start(
      *pipeline_, topics_, *state_, /*skip_uncommitted=*/writer_ == nullptr);
}

bool QueryTask::ReconcileWithKafka(const std::map<std::string, std::string>& committed) {
  std::vector<std::string> offset_keys;
  for (const std::string& topic : pipeline_->topics()) {
    for (const int32_t partition : InputPartitions(topic)) {
      offset_keys.push_back(OffsetMetadataKey(topic, partition));
    }
  }
  const std::optional<std::string> disagreement =
      FindStateDisagreement(*state_, committed, statement_, offset_keys);
  if (!disagreement.has_value()) {
    return false;
  }
  LogLine(LogLevel::kWarning,
          "Query " + id() + ": its local state disagrees with the last transaction committed to " +
              "Kafka (" + *disagreement + "): it is wiped and rebuilt from the changelogs");
  pipeline_.reset();
  state_.reset();
  state_ = options_.reopen_state(/*wipe=*/true);
  pipeline_ = runtime::Pipeline::Build(plan_, output(), processing_log_, *state_, repartitions_);
  changelog_->Restore(*state_, statement_, committed);
  return true;
}

std::string QueryTask::OffsetMetadataKey(const std::string& topic, int32_t partition) {
  // Kafka topic names have no ':'.
  return "offset:" + topic + ":" + std::to_string(partition);
}

void QueryTask::InitializeOffsets(bool from_end) {
  for (const std::string& topic : pipeline_->topics()) {
    for (const int32_t partition : InputPartitions(topic)) {
      const int64_t end = topics_.EndOffset(topic, partition);
      const std::optional<std::string> committed =
          state_->ReadMetadata(OffsetMetadataKey(topic, partition));
      if (!committed.has_value()) {
        // A restart (after an aborted transaction) starts where the first start did. A
        // repartition topic is read from its end: what it holds was written by runs that
        // committed nothing, and their source records are read again.
        const bool at_end = from_end || pipeline_->IsRepartitionTopic(topic);
        const auto initial = initial_offsets_.try_emplace({topic, partition}, at_end ? end : 0);
        next_offsets_[{topic, partition}] = initial.first->second;
        continue;
      }
      int64_t offset = -1;
      const auto parsed =
          std::from_chars(committed->data(), committed->data() + committed->size(), offset);
      if (parsed.ec != std::errc() || parsed.ptr != committed->data() + committed->size() ||
          offset < 0) {
        throw Error(ErrorKind::kIo,
                    "Query " + id() + " cannot resume: its state holds a malformed offset '" +
                        *committed + "' for topic '" + topic + "'; remove the query's state " +
                        "directory to start it over");
      }
      if (offset > end) {
        throw Error(ErrorKind::kIo,
                    "Query " + id() + " cannot resume: its state was committed at offset " +
                        std::to_string(offset) + " of topic '" + topic + "' partition " +
                        std::to_string(partition) + ", beyond the partition's end (" +
                        std::to_string(end) +
                        "); was the topic deleted and recreated? Remove the query's state "
                        "directory to start it over");
      }
      next_offsets_[{topic, partition}] = offset;
    }
  }
}

int64_t QueryTask::ConsumerLag() const {
  int64_t lag = 0;
  for (const auto& [partition, next] : next_offsets_) {
    lag += std::max<int64_t>(0, topics_.EndOffset(partition.first, partition.second) - next);
  }
  return lag;
}

void QueryTask::Commit(bool publish) {
  const auto started = std::chrono::steady_clock::now();
  // Operators emit what they held back and hand their cached state to the stores; the output
  // must be stored before the offsets of the input that produced it are committed (at least
  // once); then the stores write the state in one batch with the offsets the next run resumes
  // from. Under exactly_once_v2 the output is in the open transaction, and the state's flush
  // listener (ExactlyOnceCommit) commits it with the changelogs and offsets before the batch
  // is written.
  pipeline_->Flush();
  output().AwaitSent();
  state::MetadataEntries offsets;
  offsets.reserve(next_offsets_.size());
  for (const auto& [partition, offset] : next_offsets_) {
    offsets.emplace_back(OffsetMetadataKey(partition.first, partition.second),
                         std::to_string(offset));
  }
  repartition_progress_.AddCommitMetadata(topics_, offsets);
  state_->Flush(offsets);
  const auto now = std::chrono::steady_clock::now();
  if (changelog_ != nullptr && writer_ == nullptr) {
    // Under at_least_once the changelogs get the commit's entries and offsets together, and at
    // most every commit.interval.ms unless asked (a publish waits for the broker): until then
    // they hold an older commit, which a query that lost its state resumes from.
    unpublished_ = true;
    if (publish || now - last_publish_ >= std::chrono::milliseconds(options_.commit_interval_ms)) {
      offsets.emplace_back(std::string(kStatementMetadataKey), statement_);
      changelog_->Publish(offsets);
      unpublished_ = false;
      last_publish_ = now;
    }
  }
  ++commits_;
  uncommitted_ = false;
  last_commit_ = now;
  commit_time_ms_ += std::chrono::duration<double, std::milli>(last_commit_ - started).count();
}

template <typename Step>
auto QueryTask::WithTransactions(Step&& step) -> decltype(step()) {
  if (writer_ == nullptr) {
    return step();
  }
  try {
    return step();
  } catch (const Error& error) {
    switch (writer_->failure()) {
      case runtime::TransactionFailure::kNone:
        throw;
      case runtime::TransactionFailure::kFatal:
        throw Error(ErrorKind::kIo,
                    "Query " + id() +
                        " stopped writing for good: its transactional producer failed fatally "
                        "(fenced: another instance of this query with the same service.id "
                        "took over, or a fatal broker error): " +
                        error.message());
      case runtime::TransactionFailure::kAbortable:
        break;
    }
    LogLine(LogLevel::kWarning,
            "Query " + id() + ": its transaction failed and is aborted; the query restarts " +
                "from its last commit: " + error.message());
    writer_->Abort();
    // Drop the operators' in-memory state and what the stores have not committed.
    pipeline_.reset();
    state_.reset();
    exactly_once_commit_.reset();
    changelog_.reset();
    state_ = options_.reopen_state(/*wipe=*/false);
    next_offsets_.clear();
    uncommitted_ = false;
    Start();
    if constexpr (!std::is_void_v<decltype(step())>) {
      return {};
    }
  }
}

size_t QueryTask::Poll() {
  return WithTransactions([this] { return PollOnce(); });
}

size_t QueryTask::PollInputs(const std::vector<std::string>& topics) {
  return topics.size() == 1 ? PollTopic(topics.front()) : PollTopics(topics);
}

size_t QueryTask::PollOnce() {
  size_t upstream = 0;
  bool committed = false;
  if (!pipeline_->upstream_topics().empty()) {
    // The sources re-keyed through repartition topics first, so that the topics hold their
    // rows when the inputs after them are read in timestamp order.
    upstream = PollInputs(pipeline_->upstream_topics());
    if (upstream > 0 && writer_ != nullptr) {
      // Under exactly_once_v2 a transaction's records are readable once it commits.
      Commit();
      committed = true;
    } else if (upstream > 0) {
      output().AwaitSent();
      uncommitted_ = true;
    }
  }
  const size_t downstream = PollInputs(pipeline_->downstream_topics());
  const size_t read = upstream + downstream;
  uncommitted_ = uncommitted_ || downstream > 0;
  // Caught up, a query commits at once under exactly_once_v2 (its output is visible only
  // then), and under at_least_once once kCaughtUpCommitGap has passed since its last commit: a
  // commit waits for the broker to acknowledge the output, and committing after every few
  // records that trickle in would keep the query waiting on the broker instead of reading.
  const auto since_commit = std::chrono::steady_clock::now() - last_commit_;
  const auto interval = std::chrono::milliseconds(options_.commit_interval_ms);
  const bool caught_up_due = read == 0 && (options_.exactly_once ||
                                           since_commit >= std::min(interval, kCaughtUpCommitGap));
  committed_last_poll_ = uncommitted_ && (caught_up_due || since_commit >= interval);
  if (committed_last_poll_) {
    Commit();
  }
  committed_last_poll_ = committed_last_poll_ || committed;
  return read;
}

void QueryTask::CommitPending() {
  WithTransactions([this] {
    if (uncommitted_ || unpublished_) {
      Commit(/*publish=*/true);
    }
  });
}

bool QueryTask::CommitDueMidTurn() const {
  // Under exactly_once_v2 a turn ends early when a commit is due, so that a transaction holds
  // about commit.interval.ms of work, not a whole turn's.
  return options_.exactly_once && std::chrono::steady_clock::now() - last_commit_ >=
                                      std::chrono::milliseconds(options_.commit_interval_ms);
}

void QueryTask::CountSourceRecords(size_t pushed, size_t read_back) {
  records_read_ += pushed - read_back;
}

const std::vector<int32_t>& QueryTask::InputPartitions(const std::string& topic) {
  const auto found = input_partitions_.find(topic);
  if (found != input_partitions_.end()) {
    return found->second;
  }
  std::vector<int32_t> partitions;
  if (options_.task_partition.has_value()) {
    partitions.push_back(*options_.task_partition);
  } else {
    partitions.resize(static_cast<size_t>(topics_.PartitionCount(topic)));
    for (size_t partition = 0; partition < partitions.size(); ++partition) {
      partitions[partition] = static_cast<int32_t>(partition);
    }
  }
  return input_partitions_.emplace(topic, std::move(partitions)).first->second;
}

size_t QueryTask::PollTopic(const std::string& topic) {
  const std::vector<int32_t>& inputs = InputPartitions(topic);
  const auto partitions = static_cast<int32_t>(inputs.size());
  size_t read = 0;
  for (int32_t turn = 0; turn < partitions; ++turn) {
    // From the partition after the one where the last turn ended early (so every partition
    // gets its turn).
    const int32_t index = (first_partition_ + turn) % partitions;
    const int32_t partition = inputs[static_cast<size_t>(index)];
    int64_t& next = next_offsets_[{topic, partition}];  // Starts at 0: earliest, as QTT runs.
    for (int batch = 0; batch < kBatchesPerTurn; ++batch) {
      Fetch(topic, partition, next, fetched_);
      if (fetched_.empty()) {
        break;
      }
      next = fetched_.back().offset + 1;
      read += fetched_.size();
      pipeline_->Push(topic, fetched_);
      CountSourceRecords(
          fetched_.size(),
          repartition_progress_.Processed(topic, partition, fetched_.begin(), fetched_.end()));
      if (CommitDueMidTurn()) {
        first_partition_ = (index + 1) % partitions;
        return read;
      }
    }
  }
  return read;
}

size_t QueryTask::PollTopics(const std::vector<std::string>& topics) {
  // Every input partition's records, processed in timestamp order across the partitions
  // (Kafka Streams picks the partition whose next record is the oldest), in offset order
  // within each; each partition is read kBatchSize records at a time.
  struct Partition {
    const std::string* topic;
    int32_t partition;
    std::vector<runtime::TopicRecord> records;
    size_t next = 0;
  };

  std::vector<Partition> partitions;
  for (const std::string& topic : topics) {
    for (const int32_t partition : InputPartitions(topic)) {
      partitions.push_back({&topic, partition, {}, 0});
    }
  }
  size_t read = 0;
  bool waiting = false;  // For records this run wrote to a repartition topic.
  // Returns false when the partition has nothing left to read.
  const auto refill = [&](Partition& source) {
    if (source.next < source.records.size()) {
      return true;
    }
    int64_t& next = next_offsets_[{*source.topic, source.partition}];
    Fetch(*source.topic, source.partition, next, source.records);
    source.next = 0;
    if (source.records.empty()) {
      waiting = waiting || AwaitsRepartition(*source.topic, source.partition);
      return false;
    }
    next = source.records.back().offset + 1;
    read += source.records.size();
    return true;
  };
  std::vector<runtime::TopicRecord> run;
  while (true) {
    if (read >= kBatchSize * kBatchesPerTurn || (read > 0 && CommitDueMidTurn()) || waiting) {
      // This turn is over: what was fetched but not processed is fetched again next turn. A
      // repartition topic whose records are not readable yet holds up the other inputs, which
      // may hold newer records.
      for (const Partition& source : partitions) {
        if (source.next < source.records.size()) {
          next_offsets_[{*source.topic, source.partition}] = source.records[source.next].offset;
          read -= source.records.size() - source.next;
        }
      }
      return read;
    }
    Partition* oldest = nullptr;
    for (Partition& candidate : partitions) {
      if (refill(candidate) && (oldest == nullptr || candidate.records[candidate.next].timestamp <
                                                         oldest->records[oldest->next].timestamp)) {
        oldest = &candidate;
      }
    }
    if (waiting) {
      continue;
    }
    if (oldest == nullptr) {
      return read;
    }
    // Its records up to the next record of another partition that is older.
    int64_t limit = std::numeric_limits<int64_t>::max();
    for (const Partition& other : partitions) {
      if (&other != oldest && other.next < other.records.size()) {
        limit = std::min(limit, other.records[other.next].timestamp - 1);
      }
    }
    run.clear();
    do {
      run.push_back(std::move(oldest->records[oldest->next++]));
    } while (oldest->next < oldest->records.size() &&
             oldest->records[oldest->next].timestamp <= limit);
    pipeline_->Push(*oldest->topic, run);
    CountSourceRecords(
        run.size(),
        repartition_progress_.Processed(*oldest->topic, oldest->partition, run.begin(), run.end()));
  }
}

void QueryTask::Fetch(const std::string& topic,
                      int32_t partition,
                      int64_t& next,
                      std::vector<runtime::TopicRecord>& records) {
  next = repartition_progress_.FetchOffset(topic, partition, next);
  reader_->FetchInto(topic, partition, next, kBatchSize, records);
  repartition_progress_.Fetched(topic, partition, records);
}

bool QueryTask::AwaitsRepartition(const std::string& topic, int32_t partition) const {
  return pipeline_->IsRepartitionTopic(topic) &&
         repartition_progress_.InFlight(
             topic, partition, pipeline_->RepartitionWritten(topic, partition));
}

}  // namespace fluxo::engine
