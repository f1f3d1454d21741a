#include "runtime/kafka/kafka_topic_client.h"

#include <chrono>
#include <thread>
#include <utility>

#include "runtime/core/log.h"
#include "runtime/kafka/embedded_kafka_cluster.h"
#include "runtime/kafka/kafka_admin.h"
#include "runtime/kafka/kafka_error_class.h"
#include "runtime/kafka/kafka_group_membership.h"
#include "runtime/kafka/kafka_record.h"
#include "runtime/kafka/kafka_transactional_writer.h"
#include "runtime/kafka/partition_fetcher.h"
#include "runtime/kafka/topic_auto_creation.h"

namespace fluxo::runtime::kafka {
namespace {

constexpr int kPollMs = 100;

/// What the delivery report of one produced record said.
struct Delivery {
  bool done = false;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = -1;
};

/// librdkafka calls this from rd_kafka_poll. A record of ProduceAll carries its Delivery; one of
/// Send carries none and is counted by the client (the handle's opaque).
void OnDelivery(rd_kafka_t* /*handle*/, const rd_kafka_message_t* message, void* opaque) {
  if (message->_private == nullptr) {
    static_cast<KafkaTopicClient*>(opaque)->OnSentDelivered(
        message->err, message->rkt != nullptr ? rd_kafka_topic_name(message->rkt) : "");
    return;
  }
  auto* delivery = static_cast<Delivery*>(message->_private);
  delivery->err = message->err;
  delivery->partition = message->partition;
  delivery->offset = message->offset;
  delivery->timestamp = rd_kafka_message_timestamp(message, nullptr);
  delivery->done = true;
}

void ConfigureProducer(rd_kafka_conf_t* conf, void* client) {
  rd_kafka_conf_set_dr_msg_cb(conf, &OnDelivery);
  rd_kafka_conf_set_opaque(conf, client);
}

const KafkaProperties kProducerDefaults = {
    {"partitioner", "murmur2_random"},  // Kafka's Java client default partitioner.
    {"message.timeout.ms", "30000"},
    {"linger.ms", "0"},
    {"socket.nagle.disable", "true"},  // A record waits for no earlier segment's ACK.
};

}  // namespace

KafkaTopicClient::KafkaTopicClient(const KafkaProperties& properties,
                                   EmbeddedKafkaCluster* embedded,
                                   KafkaTimeouts timeouts)
    : properties_(properties),
      embedded_(embedded),
      timeouts_(timeouts),
      records_arrived_(std::make_shared<RecordsArrivedHook>()) {
  producer_ =
      NewKafkaHandle(RD_KAFKA_PRODUCER, kProducerDefaults, properties_, &ConfigureProducer, this);
}

KafkaTopicClient::~KafkaTopicClient() {
  // What Send queued and nobody awaited gets its chance to leave (a query awaits before it
  // commits, so nothing committed depends on it).
  rd_kafka_flush(producer_.get(), sent_outstanding_ > 0 ? timeouts_.request_ms : kPollMs);
}

std::map<std::string, int32_t> KafkaTopicClient::TopicPartitionCounts() const {
  const rd_kafka_metadata_t* raw = nullptr;
  const rd_kafka_resp_err_t err =
      rd_kafka_metadata(producer_.get(), /*all_topics=*/1, nullptr, &raw, timeouts_.request_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError("Cannot read Kafka metadata", err);
  }
  MetadataPtr metadata(raw);
  std::map<std::string, int32_t> counts;
  for (int index = 0; index < metadata->topic_cnt; ++index) {
    const rd_kafka_metadata_topic_t& topic = metadata->topics[index];
    if (topic.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      counts.emplace(topic.topic, topic.partition_cnt);
    }
  }
  return counts;
}

std::optional<int32_t> KafkaTopicClient::FindPartitionCount(const std::string& topic) const {
  {
    const std::lock_guard lock(cache_mutex_);
    if (auto found = partition_counts_.find(topic); found != partition_counts_.end()) {
      return found->second;
    }
  }
  std::map<std::string, int32_t> counts = TopicPartitionCounts();
  const auto found = counts.find(topic);
  if (found == counts.end()) {
    return std::nullopt;
  }
  const std::lock_guard lock(cache_mutex_);
  partition_counts_[topic] = found->second;
  return found->second;
}

int32_t KafkaTopicClient::RequirePartition(const std::string& topic, int32_t partition) const {
  const std::optional<int32_t> count = FindPartitionCount(topic);
  if (!count) {
    throw Error(ErrorKind::kIo, "Topic '" + topic + "' does not exist");
  }
  if (partition < -1 || partition >= *count) {
    throw Error(ErrorKind::kIo,
                "Topic '" + topic + "' has no partition " + std::to_string(partition) +
                    " (it has " + std::to_string(*count) + ")");
  }
  return *count;
}

void KafkaTopicClient::RequirePartitions(const std::string& topic,
                                         const std::vector<TopicRecord>& records) const {
  const int32_t count = RequirePartition(topic, -1);  // One cache lookup for the batch.
  for (const TopicRecord& record : records) {
    if (record.partition < -1 || record.partition >= count) {
      RequirePartition(topic, record.partition);  // Throws, naming the partition.
    }
  }
}

void KafkaTopicClient::CreateTopic(const std::string& topic,
                                   int32_t partitions,
                                   const TopicConfig& config) {
  auto check_existing = [&](int32_t existing) {
    if (existing != partitions) {
      throw Error(ErrorKind::kIo,
                  "Topic '" + topic + "' exists with " + std::to_string(existing) +
                      " partitions, not " + std::to_string(partitions));
    }
  };
  {
    // Ask the cluster, not the cache: the topic may have been deleted or recreated by others.
    const std::lock_guard lock(cache_mutex_);
    partition_counts_.erase(topic);
  }
  if (const std::optional<int32_t> existing = FindPartitionCount(topic)) {
    check_existing(*existing);
    return;
  }
  if (embedded_ != nullptr) {
    // The mock broker keeps no topic configs: `config` cannot apply (docs/OPERATIONS.md).
    embedded_->CreateTopic(topic, partitions);
  } else if (!ClusterHasController(producer_.get(), timeouts_.request_ms)) {
    // A broker without a controller (librdkafka's mock broker as `fluxo kafka`) cannot serve
    // CreateTopics, but auto-creates topics with its default partition count (and no configs).
    const std::optional<int32_t> created =
        RequestTopicAutoCreation(properties_, topic, timeouts_.request_ms);
    if (!created.has_value()) {
      throw Error(ErrorKind::kIo,
                  "Cannot create topic '" + topic +
                      "': the broker has no controller for CreateTopics and did not auto-create "
                      "it");
    }
    if (*created != partitions) {
      throw Error(ErrorKind::kIo,
                  "Cannot create topic '" + topic + "' with " + std::to_string(partitions) +
                      " partitions: the broker has no controller for CreateTopics and "
                      "auto-created it with " +
                      std::to_string(*created) +
                      " (with the embedded broker, create it beforehand: fluxo kafka --topic " +
                      topic + ":" + std::to_string(partitions) + ")");
    }
  } else if (!CreateTopicWithAdmin(
                 producer_.get(), topic, partitions, config, timeouts_.request_ms)) {
    // Created meanwhile by someone else: compare with what they created.
    const std::optional<int32_t> existing = AwaitTopicMetadata(topic, std::nullopt);
    if (!existing.has_value()) {
      throw Error(ErrorKind::kIo,
                  "Topic '" + topic + "' exists but is not in the cluster's metadata after " +
                      std::to_string(timeouts_.request_ms) + " ms");
    }
    check_existing(*existing);
    const std::lock_guard lock(cache_mutex_);
    partition_counts_[topic] = *existing;
    return;
  } else {
    // A broker answers CreateTopics before every broker's metadata has the topic: wait until
    // it shows with its partitions, so that the next metadata request (TopicExists, another
    // client's PartitionCount) sees it.
    const std::optional<int32_t> shown = AwaitTopicMetadata(topic, partitions);
    if (shown != partitions) {
      throw Error(ErrorKind::kIo,
                  "Topic '" + topic + "' was created but its " + std::to_string(partitions) +
                      " partitions are not in the cluster's metadata after " +
                      std::to_string(timeouts_.request_ms) + " ms" +
                      (shown.has_value() ? " (it shows " + std::to_string(*shown) + ")" : ""));
    }
  }
  const std::lock_guard lock(cache_mutex_);
  partition_counts_[topic] = partitions;
}

std::optional<int32_t> KafkaTopicClient::AwaitTopicMetadata(
    const std::string& topic, std::optional<int32_t> partitions) const {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeouts_.request_ms);
  std::optional<int32_t> shown;
  while (true) {
    const std::map<std::string, int32_t> counts = TopicPartitionCounts();
    if (const auto found = counts.find(topic); found != counts.end()) {
      shown = found->second;
      if (!partitions.has_value() || *shown == *partitions) {
        return shown;
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return shown;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
  }
}

bool KafkaTopicClient::TopicExists(const std::string& topic) const {
  return TopicPartitionCounts().contains(topic);
}

int32_t KafkaTopicClient::PartitionCount(const std::string& topic) const {
  // From the cache once known: queries ask on every poll, and a metadata request each time
  // would cost a broker round trip per poll.
  const std::optional<int32_t> count = FindPartitionCount(topic);
  if (!count.has_value()) {
    throw Error(ErrorKind::kIo, "Topic '" + topic + "' does not exist");
  }
  return *count;
}

void KafkaTopicClient::DeleteTopic(const std::string& topic) {
  if (embedded_ != nullptr) {
    // librdkafka's mock broker cannot delete a topic (its documented limit): the topic and
    // its records stay, and the caller carries on as if it were gone.
    LogLine(LogLevel::kWarning,
            "The embedded broker cannot delete topics: topic '" + topic + "' stays");
    return;
  }
  DeleteTopicWithAdmin(producer_.get(), topic, timeouts_.request_ms);
  const std::lock_guard lock(cache_mutex_);
  partition_counts_.erase(topic);
}

std::vector<std::string> KafkaTopicClient::ListTopics() const {
  std::vector<std::string> names;
  for (const auto& [name, count] : TopicPartitionCounts()) {
    names.push_back(name);  // The map keeps them sorted.
  }
  return names;
}

TopicRecord KafkaTopicClient::Produce(const std::string& topic, TopicRecord record) {
  std::vector<TopicRecord> records;
  records.push_back(std::move(record));
  ProduceAndWait(topic, records);
  return std::move(records.front());
}

void KafkaTopicClient::ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) {
  ProduceAndWait(topic, records);
  records.clear();
}

void KafkaTopicClient::Send(const std::string& topic, std::vector<TopicRecord>& records) {
  RequirePartitions(topic, records);
  const std::lock_guard lock(produce_mutex_);
  const TopicPtr handle = ProducerTopic(producer_.get(), topic);
  for (const TopicRecord& record : records) {
    ++sent_outstanding_;  // Before the call: the report may come before it returns.
    const rd_kafka_resp_err_t err = ProduceCopy(producer_.get(), handle.get(), record);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      --sent_outstanding_;
      records.clear();
      throw KafkaError("Cannot produce to topic '" + topic + "'", err);
    }
  }
  rd_kafka_poll(producer_.get(), 0);  // Serve the reports that are in.
  records.clear();
}

void KafkaTopicClient::OnSentDelivered(rd_kafka_resp_err_t err, const char* topic) {
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    const std::lock_guard lock(sent_error_mutex_);
    if (sent_error_.empty()) {
      sent_error_ =
          std::string("Cannot produce to topic '") + topic + "': " + rd_kafka_err2str(err);
    }
  }
  --sent_outstanding_;
}

void KafkaTopicClient::AwaitSent() {
  while (sent_outstanding_ > 0) {
    rd_kafka_poll(producer_.get(), kPollMs);
  }
  const std::lock_guard lock(sent_error_mutex_);
  if (!sent_error_.empty()) {
    std::string error;
    error.swap(sent_error_);
    throw Error(ErrorKind::kIo, error);
  }
}

void KafkaTopicClient::ProduceAndWait(const std::string& topic, std::vector<TopicRecord>& records) {
  RequirePartitions(topic, records);
  const std::lock_guard lock(produce_mutex_);
  const TopicPtr handle = ProducerTopic(producer_.get(), topic);
  std::vector<Delivery> deliveries(records.size());
  size_t sent = 0;
  rd_kafka_resp_err_t send_error = RD_KAFKA_RESP_ERR_NO_ERROR;
  for (; sent < records.size(); ++sent) {
    send_error = ProduceCopy(producer_.get(), handle.get(), records[sent], &deliveries[sent]);
    if (send_error != RD_KAFKA_RESP_ERR_NO_ERROR) {
      break;
    }
  }
  // Wait for the report of every record sent: librdkafka delivers each one, successful or
  // failed, within message.timeout.ms. Until then `deliveries` must stay alive.
  for (size_t index = 0; index < sent; ++index) {
    while (!deliveries[index].done) {
      rd_kafka_poll(producer_.get(), kPollMs);
    }
  }
  if (send_error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError("Cannot produce to topic '" + topic + "'", send_error);
  }
  for (size_t index = 0; index < sent; ++index) {
    const Delivery& delivery = deliveries[index];
    if (delivery.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw KafkaError("Cannot produce to topic '" + topic + "'", delivery.err);
    }
    records[index].partition = delivery.partition;
    records[index].offset = delivery.offset;
    // The timestamp sent is the record's; the broker's report counts only for one it chose.
    if (records[index].timestamp <= 0) {
      records[index].timestamp = delivery.timestamp;
    }
  }
}

void KafkaTopicClient::FetchInto(const std::string& topic,
                                 int32_t partition,
                                 int64_t offset,
                                 size_t max_records,
                                 std::vector<TopicRecord>& records) const {
  if (partition < 0) {
    records.clear();
    throw Error(ErrorKind::kIo, "Fetch needs a partition of topic '" + topic + "'");
  }
  RequirePartition(topic, partition);
  const std::lock_guard lock(fetcher_mutex_);
  if (fetcher_ == nullptr) {
    fetcher_ = std::make_unique<PartitionFetcher>(
        properties_, producer_.get(), timeouts_.fetch_wait_ms, timeouts_.request_ms);
  }
  fetcher_->FetchInto(topic, partition, offset, max_records, records);
}

int64_t KafkaTopicClient::SkipInvisible(const std::string& topic,
                                        int32_t partition,
                                        int64_t offset) const {
  const std::lock_guard lock(fetcher_mutex_);
  return fetcher_ == nullptr ? offset : fetcher_->SkipInvisible(topic, partition, offset);
}

namespace {

/// A PartitionFetcher of its own, behind the client's partition checks.
class KafkaTopicReader final : public TopicReader {
 public:
  KafkaTopicReader(const KafkaTopicClient& client, std::unique_ptr<PartitionFetcher> fetcher)
      : client_(client), fetcher_(std::move(fetcher)) {}

  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) override {
    if (partition < 0 || partition >= client_.PartitionCount(topic)) {
      records.clear();
      throw Error(ErrorKind::kIo,
                  "Topic '" + topic + "' has no partition " + std::to_string(partition));
    }
    fetcher_->FetchInto(topic, partition, offset, max_records, records);
  }

 private:
  const KafkaTopicClient& client_;
  std::unique_ptr<PartitionFetcher> fetcher_;
};

}  // namespace

std::unique_ptr<TopicReader> KafkaTopicClient::NewReader() const {
  return std::make_unique<KafkaTopicReader>(
      *this,
      std::make_unique<PartitionFetcher>(properties_,
                                         producer_.get(),
                                         timeouts_.fetch_wait_ms,
                                         timeouts_.request_ms,
                                         records_arrived_,
                                         /*query_reader=*/true));
}

void KafkaTopicClient::NotifyOnRecords(std::function<void()> callback) {
  records_arrived_->Set(std::move(callback));
}

std::unique_ptr<TransactionalWriter> KafkaTopicClient::NewTransactionalWriter(
    const std::string& transactional_id) {
  return std::make_unique<KafkaTransactionalWriter>(
      properties_, transactional_id, timeouts_.request_ms);
}

std::unique_ptr<GroupMembership> KafkaTopicClient::JoinGroup(const std::string& group_id,
                                                             const std::string& topic,
                                                             PartitionOwner& owner) {
  return std::make_unique<KafkaGroupMembership>(properties_, group_id, topic, owner);
}

int64_t KafkaTopicClient::EndOffset(const std::string& topic, int32_t partition) const {
  if (partition < 0) {
    throw Error(ErrorKind::kIo, "EndOffset needs a partition of topic '" + topic + "'");
  }
  RequirePartition(topic, partition);
  int64_t low = 0;
  int64_t high = 0;
  // A partition whose leader is not known yet (a topic just created) answers in a moment.
  const rd_kafka_resp_err_t err = RetryRetriable(
      [&] {
        return rd_kafka_query_watermark_offsets(
            producer_.get(), topic.c_str(), partition, &low, &high, timeouts_.request_ms);
      },
      timeouts_.request_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError("Cannot read the end offset of topic '" + topic + "' partition " +
                         std::to_string(partition),
                     err);
  }
  return high;
}

}  // namespace fluxo::runtime::kafka
