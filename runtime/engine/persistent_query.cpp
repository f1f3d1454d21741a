#include "runtime/engine/persistent_query.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "runtime/core/error.h"

namespace fluxo::engine {

PersistentQuery::PersistentQuery(planner::PhysicalPlan plan,
                                 std::string statement,
                                 runtime::TopicClient& topics,
                                 ProcessingLog& processing_log,
                                 std::unique_ptr<state::StateInstance> state,
                                 PersistentQueryOptions options)
    : plan_(std::move(plan)),
      statement_(std::move(statement)),
      topics_(topics),
      state_(std::move(state)),
      reader_(topics.NewReader()) {
  pipeline_ = runtime::Pipeline::Build(plan_, topics_, processing_log, *state_);
  options_ = options;
  if (options.changelog_service_id.has_value()) {
    changelog_ = std::make_unique<Changelog>(topics_, *options.changelog_service_id, id());
    if (options.restore_from_changelog) {
      changelog_->Restore(*state_, statement_);
    }
    state_->SetFlushListener(changelog_.get());
  }
  InitializeOffsets(options.from_end);
}

std::string PersistentQuery::OffsetMetadataKey(const std::string& topic, int32_t partition) {
  // Kafka topic names have no ':'.
  return "offset:" + topic + ":" + std::to_string(partition);
}

void PersistentQuery::InitializeOffsets(bool from_end) {
  for (const std::string& topic : pipeline_->topics()) {
    for (int32_t partition = 0; partition < topics_.PartitionCount(topic); ++partition) {
      const int64_t end = topics_.EndOffset(topic, partition);
      const std::optional<std::string> committed =
          state_->ReadMetadata(OffsetMetadataKey(topic, partition));
      if (!committed.has_value()) {
        next_offsets_[{topic, partition}] = from_end ? end : 0;
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

int64_t PersistentQuery::ConsumerLag() const {
  int64_t lag = 0;
  for (const auto& [partition, next] : next_offsets_) {
    lag += std::max<int64_t>(0, topics_.EndOffset(partition.first, partition.second) - next);
  }
  return lag;
}

void PersistentQuery::Commit() {
  const auto started = std::chrono::steady_clock::now();
  // Operators emit what they held back and hand their cached state to the stores; the output
  // must be stored before the offsets of the input that produced it are committed (at least
  // once); then the stores write the state in one batch with the offsets the next run resumes
  // from.
  pipeline_->Flush();
  topics_.AwaitSent();
  state::MetadataEntries offsets;
  offsets.reserve(next_offsets_.size());
  for (const auto& [partition, offset] : next_offsets_) {
    offsets.emplace_back(OffsetMetadataKey(partition.first, partition.second),
                         std::to_string(offset));
  }
  state_->Flush(offsets);
  if (changelog_ != nullptr) {
    offsets.emplace_back(std::string(kStatementMetadataKey), statement_);
    changelog_->Publish(offsets);
  }
  ++commits_;
  commit_time_ms_ +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

size_t PersistentQuery::Poll() {
  const std::vector<std::string>& topics = pipeline_->topics();
  const size_t read = topics.size() == 1 ? PollTopic(topics.front()) : PollTopics(topics);
  records_read_ += read;
  uncommitted_ = uncommitted_ || read > 0;
  const auto now = std::chrono::steady_clock::now();
  committed_last_poll_ =
      uncommitted_ &&
      (read == 0 || now - last_commit_ >= std::chrono::milliseconds(options_.commit_interval_ms));
  if (committed_last_poll_) {
    Commit();
    uncommitted_ = false;
    last_commit_ = now;
  }
  return read;
}

void PersistentQuery::CommitPending() {
  if (uncommitted_) {
    Commit();
    uncommitted_ = false;
    last_commit_ = std::chrono::steady_clock::now();
  }
}

size_t PersistentQuery::PollTopic(const std::string& topic) {
  const int32_t partitions = topics_.PartitionCount(topic);
  size_t read = 0;
  for (int32_t partition = 0; partition < partitions; ++partition) {
    int64_t& next = next_offsets_[{topic, partition}];  // Starts at 0: earliest, as QTT runs.
    for (int batch = 0; batch < kBatchesPerTurn; ++batch) {
      reader_->FetchInto(topic, partition, next, kBatchSize, fetched_);
      if (fetched_.empty()) {
        break;
      }
      next = fetched_.back().offset + 1;
      read += fetched_.size();
      pipeline_->Push(topic, fetched_);
    }
  }
  return read;
}

size_t PersistentQuery::PollTopics(const std::vector<std::string>& topics) {
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
    for (int32_t partition = 0; partition < topics_.PartitionCount(topic); ++partition) {
      partitions.push_back({&topic, partition, {}, 0});
    }
  }
  size_t read = 0;
  // Returns false when the partition has nothing left to read.
  const auto refill = [&](Partition& source) {
    if (source.next < source.records.size()) {
      return true;
    }
    int64_t& next = next_offsets_[{*source.topic, source.partition}];
    reader_->FetchInto(*source.topic, source.partition, next, kBatchSize, source.records);
    source.next = 0;
    if (source.records.empty()) {
      return false;
    }
    next = source.records.back().offset + 1;
    read += source.records.size();
    return true;
  };
  std::vector<runtime::TopicRecord> run;
  while (true) {
    if (read >= kBatchSize * kBatchesPerTurn) {
      // This turn is over: what was fetched but not processed is fetched again next turn.
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
  }
}

}  // namespace fluxo::engine
