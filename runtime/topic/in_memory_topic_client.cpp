#include "runtime/topic/in_memory_topic_client.h"

#include <algorithm>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/topic/in_memory_transactional_writer.h"

namespace fluxo::runtime {

void InMemoryTopicClient::CreateTopic(const std::string& topic,
                                      int32_t partitions,
                                      const TopicConfig& config) {
  if (partitions < 1) {
    throw Error(ErrorKind::kIo, "A topic needs at least one partition: " + topic);
  }
  std::lock_guard lock(mutex_);
  auto existing = topics_.find(topic);
  if (existing != topics_.end()) {
    if (static_cast<int32_t>(existing->second.size()) != partitions) {
      throw Error(ErrorKind::kIo,
                  "Topic '" + topic + "' exists with " + std::to_string(existing->second.size()) +
                      " partitions, not " + std::to_string(partitions));
    }
    return;
  }
  topics_.emplace(topic, std::vector<Partition>(static_cast<size_t>(partitions)));
  configs_[topic] = config;
}

TopicConfig InMemoryTopicClient::ConfigOf(const std::string& topic) const {
  std::lock_guard lock(mutex_);
  const auto found = configs_.find(topic);
  return found != configs_.end() ? found->second : TopicConfig{};
}

bool InMemoryTopicClient::TopicExists(const std::string& topic) const {
  std::lock_guard lock(mutex_);
  return topics_.count(topic) > 0;
}

const std::vector<InMemoryTopicClient::Partition>& InMemoryTopicClient::PartitionsOf(
    const std::string& topic) const {
  auto found = topics_.find(topic);
  if (found == topics_.end()) {
    throw Error(ErrorKind::kIo, "Topic does not exist: " + topic);
  }
  return found->second;
}

std::vector<InMemoryTopicClient::Partition>& InMemoryTopicClient::PartitionsOf(
    const std::string& topic) {
  const auto& self = *this;
  return const_cast<std::vector<Partition>&>(self.PartitionsOf(topic));  // Same lookup.
}

int32_t InMemoryTopicClient::PartitionCount(const std::string& topic) const {
  std::lock_guard lock(mutex_);
  return static_cast<int32_t>(PartitionsOf(topic).size());
}

void InMemoryTopicClient::DeleteTopic(const std::string& topic) {
  std::lock_guard lock(mutex_);
  topics_.erase(topic);
  configs_.erase(topic);
}

std::vector<std::string> InMemoryTopicClient::ListTopics() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, partitions] : topics_) {
    names.push_back(name);
  }
  return names;
}

const TopicRecord& InMemoryTopicClient::Append(const std::string& topic,
                                               std::vector<Partition>& partitions,
                                               TopicRecord&& record) {
  const auto count = static_cast<int32_t>(partitions.size());
  if (record.partition < 0) {
    record.partition = record.key.has_value() ? PartitionForKey(*record.key, count) : 0;
  }
  if (record.partition >= count) {
    throw Error(
        ErrorKind::kIo,
        "Partition " + std::to_string(record.partition) + " does not exist in topic " + topic);
  }
  Partition& log = partitions[static_cast<size_t>(record.partition)];
  record.offset = static_cast<int64_t>(log.size());
  log.push_back(std::move(record));
  return log.back();
}

TopicRecord InMemoryTopicClient::Produce(const std::string& topic, TopicRecord record) {
  std::lock_guard lock(mutex_);
  return Append(topic, PartitionsOf(topic), std::move(record));  // A copy of the stored record.
}

void InMemoryTopicClient::ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) {
  std::lock_guard lock(mutex_);
  std::vector<Partition>& partitions = PartitionsOf(topic);
  for (TopicRecord& record : records) {
    Append(topic, partitions, std::move(record));
  }
  records.clear();
}

const InMemoryTopicClient::Partition& InMemoryTopicClient::LogOf(const std::string& topic,
                                                                 int32_t partition) const {
  const auto& partitions = PartitionsOf(topic);
  if (partition < 0 || partition >= static_cast<int32_t>(partitions.size())) {
    throw Error(ErrorKind::kIo,
                "Partition " + std::to_string(partition) + " does not exist in topic " + topic);
  }
  return partitions[static_cast<size_t>(partition)];
}

void InMemoryTopicClient::FetchInto(const std::string& topic,
                                    int32_t partition,
                                    int64_t offset,
                                    size_t max_records,
                                    std::vector<TopicRecord>& records) const {
  std::lock_guard lock(mutex_);
  const Partition& log = LogOf(topic, partition);
  const auto begin = std::min(static_cast<size_t>(std::max<int64_t>(offset, 0)), log.size());
  const size_t count = std::min(max_records, log.size() - begin);
  records.resize(count);
  for (size_t i = 0; i < count; ++i) {
    records[i] = log[begin + i];  // Copy-assignment reuses the strings' buffers.
  }
}

int64_t InMemoryTopicClient::EndOffset(const std::string& topic, int32_t partition) const {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(LogOf(topic, partition).size());
}

std::unique_ptr<GroupMembership> InMemoryTopicClient::JoinGroup(const std::string& group_id,
                                                                const std::string& topic,
                                                                PartitionOwner& owner) {
  return groups_.Join(group_id, PartitionCount(topic), owner);
}

std::unique_ptr<TransactionalWriter> InMemoryTopicClient::NewTransactionalWriter(
    const std::string& transactional_id) {
  int64_t epoch = 0;
  {
    std::lock_guard lock(mutex_);
    epoch = ++transaction_epochs_[transactional_id];
  }
  return std::make_unique<InMemoryTransactionalWriter>(*this, transactional_id, epoch);
}

void InMemoryTopicClient::FailNextTransactionCommit(TransactionFailure failure) {
  std::lock_guard lock(mutex_);
  injected_commit_failure_ = failure;
}

int64_t InMemoryTopicClient::TransactionEpoch(const std::string& transactional_id) const {
  std::lock_guard lock(mutex_);
  const auto found = transaction_epochs_.find(transactional_id);
  return found == transaction_epochs_.end() ? 0 : found->second;
}

TransactionFailure InMemoryTopicClient::TakeInjectedCommitFailure() {
  std::lock_guard lock(mutex_);
  return std::exchange(injected_commit_failure_, TransactionFailure::kNone);
}

}  // namespace fluxo::runtime
