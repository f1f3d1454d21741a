#include "runtime/topic/prefix_routing_topic_client.h"

#include <utility>

namespace fluxo::runtime {

PrefixRoutingTopicClient::PrefixRoutingTopicClient(TopicClient& main,
                                                   TopicClient& prefixed,
                                                   std::string prefix)
    : main_(main), prefixed_(prefixed), prefix_(std::move(prefix)) {}

TopicClient& PrefixRoutingTopicClient::For(const std::string& topic) const {
  return topic.starts_with(prefix_) ? prefixed_ : main_;
}

void PrefixRoutingTopicClient::CreateTopic(const std::string& topic, int32_t partitions) {
  For(topic).CreateTopic(topic, partitions);
}

bool PrefixRoutingTopicClient::TopicExists(const std::string& topic) const {
  return For(topic).TopicExists(topic);
}

int32_t PrefixRoutingTopicClient::PartitionCount(const std::string& topic) const {
  return For(topic).PartitionCount(topic);
}

void PrefixRoutingTopicClient::DeleteTopic(const std::string& topic) {
  For(topic).DeleteTopic(topic);
}

std::vector<std::string> PrefixRoutingTopicClient::ListTopics() const {
  return main_.ListTopics();
}

TopicRecord PrefixRoutingTopicClient::Produce(const std::string& topic, TopicRecord record) {
  return For(topic).Produce(topic, std::move(record));
}

void PrefixRoutingTopicClient::ProduceAll(const std::string& topic,
                                          std::vector<TopicRecord>& records) {
  For(topic).ProduceAll(topic, records);
}

void PrefixRoutingTopicClient::FetchInto(const std::string& topic,
                                         int32_t partition,
                                         int64_t offset,
                                         size_t max_records,
                                         std::vector<TopicRecord>& records) const {
  For(topic).FetchInto(topic, partition, offset, max_records, records);
}

int64_t PrefixRoutingTopicClient::EndOffset(const std::string& topic, int32_t partition) const {
  return For(topic).EndOffset(topic, partition);
}

}  // namespace fluxo::runtime
