#include "runtime/engine/repartition_progress.h"

#include <algorithm>
#include <charconv>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::engine {

namespace {

// Finds or creates the topic of `step`, which re-keys the rows of `source_topic`.
runtime::RepartitionTopic EnsureTopic(const planner::PhysicalPlan& plan,
                                      const planner::RepartitionStep& step,
                                      const std::string& source_topic,
                                      runtime::TopicClient& topics,
                                      const std::string& service_id) {
  const std::string name = service_id + "-" + plan.query_id + "-" + step.name + "-repartition";
  const int32_t partitions = topics.PartitionCount(source_topic);
  if (!topics.TopicExists(name)) {
    try {
      topics.CreateTopic(name, partitions);
    } catch (const Error&) {
      if (!topics.TopicExists(name)) {
        throw;
      }
    }
  }
  const int32_t created = topics.PartitionCount(name);
  if (created != partitions) {
    LogLine(LogLevel::kWarning,
            "Repartition topic " + name + " has " + std::to_string(created) +
                " partitions, its source " + source_topic + " " + std::to_string(partitions) +
                ": the query uses the topic's");
  }
  return runtime::RepartitionTopic{name, created};
}

}  // namespace

runtime::RepartitionTopics EnsureRepartitionTopics(const planner::PhysicalPlan& plan,
                                                   runtime::TopicClient& topics,
                                                   const std::string& service_id) {
  runtime::RepartitionTopics repartitions;
  for (const planner::JoinInputStep& input : plan.join_inputs) {
    if (input.repartition.has_value()) {
      repartitions[input.repartition->operator_id] =
          EnsureTopic(plan, *input.repartition, input.source.source.topic, topics, service_id);
    }
  }
  if (plan.group_by_repartition.has_value()) {
    repartitions[plan.group_by_repartition->operator_id] =
        EnsureTopic(plan, *plan.group_by_repartition, plan.source.source.topic, topics, service_id);
  }
  return repartitions;
}

std::string RepartitionProgress::EndMetadataKey(const std::string& topic, int32_t partition) {
  return "repartition-end:" + topic + ":" + std::to_string(partition);
}

void RepartitionProgress::Start(const runtime::Pipeline& pipeline,
                                const runtime::TopicClient& topics,
                                state::StateInstance& state,
                                bool skip_uncommitted) {
  skip_uncommitted_ = skip_uncommitted;
  topics_.clear();
  skip_.clear();
  run_start_.clear();
  read_back_.clear();
  for (const std::string& topic : pipeline.topics()) {
    if (!pipeline.IsRepartitionTopic(topic)) {
      continue;
    }
    topics_.insert(topic);
    for (int32_t partition = 0; partition < topics.PartitionCount(topic); ++partition) {
      const TopicPartition key{topic, partition};
      const int64_t end = topics.EndOffset(topic, partition);
      run_start_[key] = end;
      if (!skip_uncommitted_) {
        continue;
      }
      const std::optional<std::string> committed =
          state.ReadMetadata(EndMetadataKey(topic, partition));
      int64_t committed_end = 0;
      if (committed.has_value() &&
          std::from_chars(committed->data(), committed->data() + committed->size(), committed_end)
                  .ec == std::errc() &&
          committed_end < end) {
        skip_[key] = {committed_end, end};
        LogLine(LogLevel::kInfo,
                "Repartition topic " + topic + " partition " + std::to_string(partition) +
                    ": the " + std::to_string(end - committed_end) +
                    " records after the last commit are skipped (their source records are " +
                    "read again)");
      }
    }
  }
}

int64_t RepartitionProgress::FetchOffset(const std::string& topic,
                                         int32_t partition,
                                         int64_t next) {
  if (skip_.empty()) {
    return next;
  }
  const auto skip = skip_.find({topic, partition});
  if (skip == skip_.end() || next < skip->second.first) {
    return next;
  }
  const int64_t end = skip->second.second;
  skip_.erase(skip);
  return std::max(next, end);
}

void RepartitionProgress::Fetched(const std::string& topic,
                                  int32_t partition,
                                  std::vector<runtime::TopicRecord>& records) {
  if (skip_.empty() || records.empty()) {
    return;
  }
  const TopicPartition key{topic, partition};
  if (const auto skip = skip_.find(key); skip != skip_.end()) {
    // Read up to the records to skip; the next fetch starts past them (FetchOffset).
    const int64_t begin = skip->second.first;
    records.erase(std::find_if(records.begin(),
                               records.end(),
                               [&](const runtime::TopicRecord& r) { return r.offset >= begin; }),
                  records.end());
  }
}

size_t RepartitionProgress::Processed(const std::string& topic,
                                      int32_t partition,
                                      std::vector<runtime::TopicRecord>::const_iterator begin,
                                      std::vector<runtime::TopicRecord>::const_iterator end) {
  if (!topics_.contains(topic)) {
    return 0;  // A source topic: nothing read back.
  }
  const TopicPartition key{topic, partition};
  const auto start = run_start_.find(key);
  if (start == run_start_.end()) {
    return 0;
  }
  uint64_t& read_back = read_back_[key];
  for (auto record = begin; record != end; ++record) {
    read_back += record->offset >= start->second ? 1 : 0;
  }
  return static_cast<size_t>(end - begin);
}

bool RepartitionProgress::InFlight(const std::string& topic,
                                   int32_t partition,
                                   uint64_t written) const {
  const auto read = read_back_.find({topic, partition});
  return written > (read == read_back_.end() ? 0 : read->second);
}

void RepartitionProgress::AddCommitMetadata(const runtime::TopicClient& topics,
                                            state::MetadataEntries& metadata) {
  if (!skip_uncommitted_) {
    return;
  }
  for (const auto& [key, start] : run_start_) {
    const auto& [topic, partition] = key;
    metadata.emplace_back(EndMetadataKey(topic, partition),
                          std::to_string(topics.EndOffset(topic, partition)));
  }
}

}  // namespace fluxo::engine
