#include "runtime/topic/prefix_routing_topic_client.h"

#include <utility>

#include "runtime/topic/group_membership.h"
#include "runtime/topic/transactional_writer.h"

namespace fluxo::runtime {

namespace {

/// A reader of each client; a topic's prefix picks one.
class PrefixRoutingReader final : public TopicReader {
 public:
  PrefixRoutingReader(std::unique_ptr<TopicReader> main,
                      std::unique_ptr<TopicReader> prefixed,
                      std::string prefix)
      : main_(std::move(main)), prefixed_(std::move(prefixed)), prefix_(std::move(prefix)) {}

  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) override {
    (topic.starts_with(prefix_) ? *prefixed_ : *main_)
        .FetchInto(topic, partition, offset, max_records, records);
  }

 private:
  std::unique_ptr<TopicReader> main_;
  std::unique_ptr<TopicReader> prefixed_;
  std::string prefix_;
};

}  // namespace

PrefixRoutingTopicClient::PrefixRoutingTopicClient(TopicClient& main,
                                                   TopicClient& prefixed,
                                                   std::string prefix)
    : main_(main), prefixed_(prefixed), prefix_(std::move(prefix)) {}

TopicClient& PrefixRoutingTopicClient::For(const std::string& topic) const {
  return topic.starts_with(prefix_) ? prefixed_ : main_;
}

void PrefixRoutingTopicClient::CreateTopic(const std::string& topic,
                                           int32_t partitions,
                                           const TopicConfig& config) {
  For(topic).CreateTopic(topic, partitions, config);
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

void PrefixRoutingTopicClient::Send(const std::string& topic, std::vector<TopicRecord>& records) {
  For(topic).Send(topic, records);
}

void PrefixRoutingTopicClient::AwaitSent() {
  main_.AwaitSent();
  prefixed_.AwaitSent();
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

std::unique_ptr<TopicReader> PrefixRoutingTopicClient::NewReader() const {
  return std::make_unique<PrefixRoutingReader>(main_.NewReader(), prefixed_.NewReader(), prefix_);
}

std::unique_ptr<TransactionalWriter> PrefixRoutingTopicClient::NewTransactionalWriter(
    const std::string& transactional_id) {
  return main_.NewTransactionalWriter(transactional_id);
}

void PrefixRoutingTopicClient::NotifyOnRecords(std::function<void()> callback) {
  main_.NotifyOnRecords(callback);
  prefixed_.NotifyOnRecords(std::move(callback));
}

std::unique_ptr<GroupMembership> PrefixRoutingTopicClient::JoinGroup(const std::string& group_id,
                                                                     const std::string& topic,
                                                                     PartitionOwner& owner) {
  return For(topic).JoinGroup(group_id, topic, owner);
}

}  // namespace fluxo::runtime
