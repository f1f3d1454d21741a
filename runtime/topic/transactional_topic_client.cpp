#include "runtime/topic/transactional_topic_client.h"

#include <utility>

namespace fluxo::runtime {

TransactionalTopicClient::TransactionalTopicClient(TopicClient& base, TransactionalWriter& writer)
    : base_(base), writer_(writer) {}

void TransactionalTopicClient::CreateTopic(const std::string& topic,
                                           int32_t partitions,
                                           const TopicConfig& config) {
  base_.CreateTopic(topic, partitions, config);
}

bool TransactionalTopicClient::TopicExists(const std::string& topic) const {
  return base_.TopicExists(topic);
}

int32_t TransactionalTopicClient::PartitionCount(const std::string& topic) const {
  return base_.PartitionCount(topic);
}

void TransactionalTopicClient::DeleteTopic(const std::string& topic) {
  base_.DeleteTopic(topic);
}

std::vector<std::string> TransactionalTopicClient::ListTopics() const {
  return base_.ListTopics();
}

TopicRecord TransactionalTopicClient::Produce(const std::string& topic, TopicRecord record) {
  if (record.partition < 0 && record.key.has_value()) {
    record.partition = PartitionForKey(*record.key, base_.PartitionCount(topic));
  }
  TopicRecord sent = record;
  sent.offset = -1;
  std::vector<TopicRecord> records;
  records.push_back(std::move(record));
  writer_.Send(topic, records);
  return sent;
}

void TransactionalTopicClient::ProduceAll(const std::string& topic,
                                          std::vector<TopicRecord>& records) {
  writer_.Send(topic, records);
}

void TransactionalTopicClient::Send(const std::string& topic, std::vector<TopicRecord>& records) {
  writer_.Send(topic, records);
}

void TransactionalTopicClient::FetchInto(const std::string& topic,
                                         int32_t partition,
                                         int64_t offset,
                                         size_t max_records,
                                         std::vector<TopicRecord>& records) const {
  base_.FetchInto(topic, partition, offset, max_records, records);
}

int64_t TransactionalTopicClient::EndOffset(const std::string& topic, int32_t partition) const {
  return base_.EndOffset(topic, partition);
}

std::unique_ptr<TopicReader> TransactionalTopicClient::NewReader() const {
  return base_.NewReader();
}

}  // namespace fluxo::runtime
