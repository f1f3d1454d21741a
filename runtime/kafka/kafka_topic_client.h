#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/kafka/kafka_handle.h"
#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime::kafka {

class EmbeddedKafkaCluster;
class PartitionFetcher;
class RecordsArrivedHook;

/// How long a KafkaTopicClient waits on the cluster.
struct KafkaTimeouts {
  int request_ms = 10000;    ///< Metadata, admin and watermark requests.
  int fetch_wait_ms = 5000;  ///< The longest one Fetch waits for records.
};

/// TopicClient over librdkafka: metadata and admin requests, a producer that waits for each
/// delivery report, and a consumer assigned to the partitions it reads (no group membership, no
/// offset commits) for Fetch. Configured with librdkafka properties (`bootstrap.servers`, SASL/SSL,
/// ...; a `kafka.` prefix is dropped). Keyed records without a partition go where Kafka's Java
/// client puts them (murmur2; `partitioner=murmur2_random`). Thread-safe. Broker failures throw kIo
/// with librdkafka's error text.
class KafkaTopicClient final : public TopicClient {
 public:
  /// `embedded`, when given, creates topics: librdkafka's mock broker has no CreateTopics.
  explicit KafkaTopicClient(const KafkaProperties& properties,
                            EmbeddedKafkaCluster* embedded = nullptr,
                            KafkaTimeouts timeouts = {});
  ~KafkaTopicClient() override;

  KafkaTopicClient(const KafkaTopicClient&) = delete;
  KafkaTopicClient& operator=(const KafkaTopicClient&) = delete;

  /// Through the Admin API with `config`; returns once the cluster's metadata shows the topic
  /// with its partitions (at most request_ms later; kIo otherwise). With the embedded broker or
  /// a broker that only auto-creates topics (`fluxo kafka`), `config` cannot apply: the topic
  /// gets the broker's defaults.
  void CreateTopic(const std::string& topic,
                   int32_t partitions,
                   const TopicConfig& config = {}) override;
  bool TopicExists(const std::string& topic) const override;
  /// Cached after the first answer (partitions added by others later are not seen).
  int32_t PartitionCount(const std::string& topic) const override;
  /// Through the Admin API; librdkafka's mock broker refuses it (kIo), except that with the
  /// in-process `embedded` broker it logs a warning and leaves the topic in place.
  void DeleteTopic(const std::string& topic) override;
  std::vector<std::string> ListTopics() const override;
  TopicRecord Produce(const std::string& topic, TopicRecord record) override;
  /// Sends all records before waiting for their delivery reports.
  void ProduceAll(const std::string& topic, std::vector<TopicRecord>& records) override;
  /// Queues the records in librdkafka and returns; their delivery reports are counted.
  void Send(const std::string& topic, std::vector<TopicRecord>& records) override;
  /// Serves delivery reports until none of Send's records is outstanding; throws kIo with the
  /// first failure since the last call.
  void AwaitSent() override;

  /// Called by the delivery-report callback for a record of Send.
  void OnSentDelivered(rd_kafka_resp_err_t err, const char* topic);
  /// Through a PartitionFetcher that stays assigned to the partitions read before, so that
  /// reading on where the last read ended costs no request. Waits at most fetch_wait_ms for
  /// records below the end offset; may return fewer.
  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records) const override;
  int64_t EndOffset(const std::string& topic, int32_t partition) const override;
  /// As FetchInto's PartitionFetcher saw it (transaction markers, aborted records).
  int64_t SkipInvisible(const std::string& topic, int32_t partition, int64_t offset) const override;
  /// A reader with a PartitionFetcher (and so a consumer) of its own, a query_reader: its
  /// reads return what is there at once, and NotifyOnRecords' callback hears of new records.
  std::unique_ptr<TopicReader> NewReader() const override;
  /// For the readers of NewReader, made before or after.
  void NotifyOnRecords(std::function<void()> callback) override;
  /// A KafkaTransactionalWriter: a transactional producer of its own.
  std::unique_ptr<TransactionalWriter> NewTransactionalWriter(
      const std::string& transactional_id) override;
  /// A KafkaGroupMembership: a consumer of its own in the group.
  std::unique_ptr<GroupMembership> JoinGroup(const std::string& group_id,
                                             const std::string& topic,
                                             PartitionOwner& owner) override;

 private:
  /// The topic partition counts the cluster reports (topics in error left out).
  std::map<std::string, int32_t> TopicPartitionCounts() const;
  /// Asks the cluster's metadata for `topic` until it shows (with `partitions` partitions, when
  /// given), for at most request_ms; returns the partition count it last showed (nullopt:
  /// never shown). Bypasses the cache.
  std::optional<int32_t> AwaitTopicMetadata(const std::string& topic,
                                            std::optional<int32_t> partitions) const;
  /// The partition count of `topic`, from the cache or the cluster; nullopt when it is missing.
  std::optional<int32_t> FindPartitionCount(const std::string& topic) const;
  /// As FindPartitionCount, but throws kIo for a missing topic or a partition out of range.
  int32_t RequirePartition(const std::string& topic, int32_t partition) const;
  /// RequirePartition for the partitions of `records` (-1: the partitioner's choice).
  void RequirePartitions(const std::string& topic, const std::vector<TopicRecord>& records) const;
  /// Produces `records` and waits for all delivery reports; fills partitions and offsets.
  void ProduceAndWait(const std::string& topic, std::vector<TopicRecord>& records);

  KafkaProperties properties_;
  EmbeddedKafkaCluster* embedded_;
  KafkaTimeouts timeouts_;
  HandlePtr producer_;  ///< Also serves metadata, admin and watermark requests.
  std::mutex produce_mutex_;
  std::atomic<size_t> sent_outstanding_{0};  ///< Send's records without a delivery report.
  std::mutex sent_error_mutex_;
  std::string sent_error_;  ///< The first failure since AwaitSent last threw; guarded.
  mutable std::mutex fetcher_mutex_;
  mutable std::unique_ptr<PartitionFetcher> fetcher_;  ///< Created on first fetch.
  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, int32_t> partition_counts_;
  std::shared_ptr<RecordsArrivedHook> records_arrived_;  ///< Shared with the readers.
};

}  // namespace fluxo::runtime::kafka
