#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "runtime/kafka/kafka_handle.h"
#include "runtime/kafka/rdkafka_handles.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime::kafka {

/// What TopicClient::NotifyOnRecords set: called from librdkafka's threads when records reach
/// an empty partition queue of a reader. Thread-safe.
class RecordsArrivedHook {
 public:
  /// Replaces the callback (empty: none); waits for a call in progress.
  void Set(std::function<void()> callback);

  void Notify();

 private:
  std::mutex mutex_;
  std::function<void()> callback_;
};

/// Reads given partitions from given offsets, as TopicClient::FetchInto asks, with one
/// librdkafka consumer that stays assigned to every partition it was asked for: librdkafka
/// keeps fetching them in the background, so a read that continues where the last one ended
/// takes what is already queued, with no request of its own. A read from another offset
/// seeks first. No consumer group is joined and no offset is committed. Reads are
/// read_committed: records of open or aborted transactions are never returned, and the
/// end-of-partition events librdkafka sends tell where the visible records end, so that a
/// partition ending in a transaction marker is not waited on. Not thread-safe.
class PartitionFetcher {
 public:
  /// `watermark_handle` (which must outlive the fetcher) asks for end offsets: a handle whose
  /// broker threads are not busy with long-polling fetches answers sooner.
  ///
  /// A query's reader passes `records_arrived`, told whenever records reach one of its empty
  /// partition queues, and `query_reader`, which makes reads return as soon as they can: a
  /// partition it already reads ends where librdkafka's last fetch response said (it long-polls
  /// the broker, so new records come with a new end), so reading at that end returns at once
  /// without asking the broker; and a read hands out the records queued so far instead of
  /// waiting for the rest up to the end. Without it (the client's own reads, which must see
  /// what was just produced), the broker is asked and the end waited for.
  PartitionFetcher(const KafkaProperties& properties,
                   rd_kafka_t* watermark_handle,
                   int fetch_wait_ms,
                   int request_ms,
                   std::shared_ptr<RecordsArrivedHook> records_arrived = nullptr,
                   bool query_reader = false);
  ~PartitionFetcher();

  PartitionFetcher(const PartitionFetcher&) = delete;
  PartitionFetcher& operator=(const PartitionFetcher&) = delete;

  /// Replaces `records` with up to `max_records` records of the partition from `offset` on.
  /// Returns at once when the partition has nothing at or after `offset`; otherwise waits at
  /// most fetch_wait_ms for the records below the end offset it saw. Throws kIo.
  void FetchInto(const std::string& topic,
                 int32_t partition,
                 int64_t offset,
                 size_t max_records,
                 std::vector<TopicRecord>& records);

  /// The offset a read from `offset` goes on from: beyond it when the consumer passed only
  /// offsets it never hands out (transaction markers, aborted records) since the last record
  /// it returned; else `offset`.
  int64_t SkipInvisible(const std::string& topic, int32_t partition, int64_t offset) const;

 private:
  /// One assigned partition: its own queue (not forwarded to the consumer's), the offset the
  /// next queued record has, and the offset after the last record handed out. Between the two
  /// lie only offsets a read_committed consumer never hands out (transaction markers, aborted
  /// records): a read from there goes on from next_offset without a seek.
  struct Position {
    QueuePtr queue;
    int64_t next_offset = 0;
    int64_t handed_out_end = 0;
    /// The offset of the last end-of-partition event (-1: none since the last seek): reading
    /// from there waits only briefly, as librdkafka reports an end once.
    int64_t eof_offset = -1;

    /// True when a read from `offset` goes on from what is queued (no seek).
    bool ReadsOnFrom(int64_t offset) const {
      return offset >= handed_out_end && offset <= next_offset;
    }
  };

  Position& Assign(const std::string& topic, int32_t partition, int64_t offset);
  void Seek(const std::string& topic, int32_t partition, int64_t offset);
  /// The partition's end offset: librdkafka's last fetched high watermark when it is beyond
  /// `offset`, or when the partition is read already by a query_reader (no request); else
  /// asked of the broker.
  int64_t EndOffset(const std::string& topic, int32_t partition, int64_t offset);

  HandlePtr consumer_;
  rd_kafka_t* watermark_handle_;
  int fetch_wait_ms_;
  int request_ms_;
  std::shared_ptr<RecordsArrivedHook> records_arrived_;
  bool query_reader_;
  std::map<std::pair<std::string, int32_t>, Position> positions_;
};

}  // namespace fluxo::runtime::kafka
