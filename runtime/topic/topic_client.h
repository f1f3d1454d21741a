#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fluxo::runtime {

/// One Kafka record header.
struct RecordHeader {
  std::string key;
  std::optional<std::string> value;

  bool operator==(const RecordHeader&) const = default;
};

class TransactionalWriter;
class GroupMembership;
class PartitionOwner;

/// Topic-level configs to create a topic with, by Kafka name (`cleanup.policy`,
/// `retention.ms`, ...); empty: the broker's defaults.
using TopicConfig = std::map<std::string, std::string>;

/// One Kafka record as the engine sees it: raw key and value bytes (nothing for a Kafka null),
/// a timestamp in ms, headers, and once stored, its partition and offset.
struct TopicRecord {
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp = 0;
  std::vector<RecordHeader> headers;
  int32_t partition = -1;  ///< On produce: -1 picks the partition from the key.
  int64_t offset = -1;     ///< Set when stored.
};

/// Reads partitions for one reader (a query): a Kafka client gives each reader a consumer of
/// its own, so that readers at different offsets of one partition do not move each other's
/// position. Created by TopicClient::NewReader; must not outlive its client.
class TopicReader {
 public:
  virtual ~TopicReader() = default;

  /// As TopicClient::FetchInto.
  virtual void FetchInto(const std::string& topic,
                         int32_t partition,
                         int64_t offset,
                         size_t max_records,
                         std::vector<TopicRecord>& records) = 0;
};

/// The engine's only way to reach topics (STYLE.md: I/O seams). Two implementations:
/// InMemoryTopicClient (deterministic; unit and conformance tests) and, in the Kafka runtime
/// issue, librdkafka. Methods throw fluxo::Error of kind kIo when the broker refuses.
class TopicClient {
 public:
  virtual ~TopicClient() = default;

  /// Creates `topic` with `partitions` partitions and the topic configs `config`; succeeds
  /// silently when it exists with that many partitions (its configs are left as they are) and
  /// throws kIo when it exists with another count. Once it returns, the topic is there for
  /// TopicExists and PartitionCount. A client that cannot create topics with configs (the
  /// embedded broker's auto-creation) creates them without.
  virtual void CreateTopic(const std::string& topic,
                           int32_t partitions,
                           const TopicConfig& config = {}) = 0;

  virtual bool TopicExists(const std::string& topic) const = 0;

  /// Returns the partition count of an existing topic (throws kIo for a missing one).
  virtual int32_t PartitionCount(const std::string& topic) const = 0;

  virtual void DeleteTopic(const std::string& topic) = 0;

  /// Returns the topic names, sorted.
  virtual std::vector<std::string> ListTopics() const = 0;

  /// Appends `record` and returns it with its partition and offset. With partition -1, a
  /// keyed record goes to murmur2(key) % partitions (Kafka's default partitioner, so that
  /// Fluxo and Java clients agree); where a keyless record goes is the implementation's choice
  /// (the in-memory client: partition 0).
  virtual TopicRecord Produce(const std::string& topic, TopicRecord record) = 0;

  /// Appends `records` in order, as Produce does one by one, without handing them back: a
  /// client can take the records' buffers instead of copying them. Leaves `records` empty.
  virtual void ProduceAll(const std::string& topic, std::vector<TopicRecord>& records);

  /// Hands `records` over for producing like ProduceAll, without waiting for the broker: a
  /// client may still be sending them when this returns. AwaitSent waits for them. Leaves
  /// `records` empty. The default produces them at once (ProduceAll).
  virtual void Send(const std::string& topic, std::vector<TopicRecord>& records);

  /// Waits until every record handed to Send is stored, and throws fluxo::Error (kIo) when one
  /// could not be: a query calls it before it commits the offsets of the input that produced
  /// them. The default has nothing to wait for.
  virtual void AwaitSent() {}

  /// Replaces the contents of `records` with up to `max_records` records of one partition
  /// from `offset` on, in offset order. Passing the same vector poll after poll lets a client
  /// reuse its records' buffers.
  virtual void FetchInto(const std::string& topic,
                         int32_t partition,
                         int64_t offset,
                         size_t max_records,
                         std::vector<TopicRecord>& records) const = 0;

  /// Returns up to `max_records` records of one partition from `offset` on, in offset order
  /// (FetchInto into a new vector).
  std::vector<TopicRecord> Fetch(const std::string& topic,
                                 int32_t partition,
                                 int64_t offset,
                                 size_t max_records) const;

  /// A reader of its own for one consumer of records (a query). The default reads through
  /// FetchInto.
  virtual std::unique_ptr<TopicReader> NewReader() const;

  /// Returns the offset the next record of the partition will get.
  virtual int64_t EndOffset(const std::string& topic, int32_t partition) const = 0;

  /// Where reading the partition from `offset` (just after the last record FetchInto
  /// returned) goes on: `offset`, or further when the client saw that the offsets between hold
  /// nothing it will ever return (a read_committed Kafka consumer skips transaction markers
  /// and aborted records). A reader that reads up to EndOffset uses it when a fetch comes back
  /// empty. The default: `offset`.
  virtual int64_t SkipInvisible(const std::string& topic, int32_t partition, int64_t offset) const {
    static_cast<void>(topic);
    static_cast<void>(partition);
    return offset;
  }

  /// A writer of transactions under `transactional_id` (processing.guarantee=exactly_once_v2,
  /// see transactional_writer.h); creating it fences the older writers with the same id. The
  /// default throws fluxo::Error (kIo): the client has no transactions.
  virtual std::unique_ptr<TransactionalWriter> NewTransactionalWriter(
      const std::string& transactional_id);

  /// Calls `callback` (from any thread, possibly often) when records may have arrived for the
  /// readers of NewReader, so that whoever drives them can sleep until then; an empty
  /// callback stops the calls (once this returns, none is running). The default never calls:
  /// its records are there as soon as they are produced.
  virtual void NotifyOnRecords(std::function<void()> callback) { static_cast<void>(callback); }

  /// Joins the consumer group `group_id`, which shares out the partitions of `topic` among its
  /// members (see group_membership.h); `owner` is told what this member owns and must outlive
  /// the membership. The default: a group of one that owns every partition.
  virtual std::unique_ptr<GroupMembership> JoinGroup(const std::string& group_id,
                                                     const std::string& topic,
                                                     PartitionOwner& owner);
};

/// Kafka's murmur2 hash of a record key (the Java client's default partitioner).
int32_t Murmur2(const std::string& key);

/// The partition Kafka's default partitioner picks for `key` among `partitions`.
int32_t PartitionForKey(const std::string& key, int32_t partitions);

}  // namespace fluxo::runtime
