#include "runtime/kafka/partition_fetcher.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/kafka/kafka_error_class.h"
#include "runtime/kafka/kafka_record.h"

namespace fluxo::runtime::kafka {
namespace {

constexpr int kPollMs = 100;
constexpr size_t kMessagesPerCall = 1024;

const KafkaProperties kConsumerDefaults = {
    {"group.id", "fluxo-fetch"},  // Needed by assign(); this consumer never joins or commits.
    {"enable.auto.commit", "false"},
    {"enable.auto.offset.store", "false"},
    // End-of-partition events: a read_committed consumer never hands out transaction markers
    // or aborted records, so only these say that what is visible has been read.
    {"enable.partition.eof", "true"},
    {"isolation.level", "read_committed"},
    {"auto.offset.reset", "error"},  // An offset out of range is an error, never a reset.
    {"fetch.wait.max.ms", "100"},
    {"socket.nagle.disable", "true"},
};

// librdkafka's queue event callback: records reached an empty partition queue.
void OnRecordsArrived(rd_kafka_t* /*handle*/, void* hook) {
  static_cast<RecordsArrivedHook*>(hook)->Notify();
}

}  // namespace

void RecordsArrivedHook::Set(std::function<void()> callback) {
  const std::lock_guard lock(mutex_);
  callback_ = std::move(callback);
}

void RecordsArrivedHook::Notify() {
  const std::lock_guard lock(mutex_);
  if (callback_) {
    callback_();
  }
}

PartitionFetcher::PartitionFetcher(const KafkaProperties& properties,
                                   rd_kafka_t* watermark_handle,
                                   int fetch_wait_ms,
                                   int request_ms,
                                   std::shared_ptr<RecordsArrivedHook> records_arrived,
                                   bool query_reader)
    : consumer_(NewKafkaHandle(RD_KAFKA_CONSUMER, kConsumerDefaults, properties)),
      watermark_handle_(watermark_handle),
      fetch_wait_ms_(fetch_wait_ms),
      request_ms_(request_ms),
      records_arrived_(std::move(records_arrived)),
      query_reader_(query_reader) {}

PartitionFetcher::~PartitionFetcher() {
  for (auto& [partition, position] : positions_) {
    if (records_arrived_ != nullptr) {
      rd_kafka_queue_cb_event_enable(position.queue.get(), nullptr, nullptr);
    }
    rd_kafka_queue_forward(position.queue.get(), nullptr);
    position.queue.reset();
  }
  rd_kafka_consumer_close(consumer_.get());
}

PartitionFetcher::Position& PartitionFetcher::Assign(const std::string& topic,
                                                     int32_t partition,
                                                     int64_t offset) {
  const auto found = positions_.find({topic, partition});
  if (found != positions_.end()) {
    return found->second;
  }
  // Take the partition's queue off the consumer's shared one before assigning it, so that no
  // fetched record can land on the shared queue in between.
  Position position;
  position.queue.reset(rd_kafka_queue_get_partition(consumer_.get(), topic.c_str(), partition));
  if (position.queue == nullptr) {
    throw Error(ErrorKind::kIo,
                "Cannot fetch from topic '" + topic + "' partition " + std::to_string(partition) +
                    ": librdkafka has no queue for it");
  }
  rd_kafka_queue_forward(position.queue.get(), nullptr);
  if (records_arrived_ != nullptr) {
    rd_kafka_queue_cb_event_enable(position.queue.get(), OnRecordsArrived, records_arrived_.get());
  }
  PartitionListPtr added(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(added.get(), topic.c_str(), partition)->offset = offset;
  if (RdErrorPtr error{rd_kafka_incremental_assign(consumer_.get(), added.get())}) {
    throw Error(ErrorKind::kIo,
                "Cannot fetch from topic '" + topic + "' partition " + std::to_string(partition) +
                    ": " + rd_kafka_error_string(error.get()));
  }
  position.next_offset = offset;
  position.handed_out_end = offset;
  return positions_.emplace(std::make_pair(topic, partition), std::move(position)).first->second;
}

void PartitionFetcher::Seek(const std::string& topic, int32_t partition, int64_t offset) {
  PartitionListPtr target(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(target.get(), topic.c_str(), partition)->offset = offset;
  if (RdErrorPtr error{rd_kafka_seek_partitions(consumer_.get(), target.get(), request_ms_)}) {
    throw Error(ErrorKind::kIo,
                "Cannot seek topic '" + topic + "' partition " + std::to_string(partition) +
                    " to offset " + std::to_string(offset) + ": " +
                    rd_kafka_error_string(error.get()));
  }
  if (target->elems[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo,
                "Cannot seek topic '" + topic + "' partition " + std::to_string(partition) +
                    " to offset " + std::to_string(offset) + ": " +
                    rd_kafka_err2str(target->elems[0].err));
  }
}

int64_t PartitionFetcher::EndOffset(const std::string& topic, int32_t partition, int64_t offset) {
  int64_t low = 0;
  int64_t high = -1;
  if (rd_kafka_get_watermark_offsets(consumer_.get(), topic.c_str(), partition, &low, &high) ==
          RD_KAFKA_RESP_ERR_NO_ERROR &&
      (high > offset || (query_reader_ && high >= 0 && positions_.count({topic, partition}) > 0))) {
    return high;
  }
  const rd_kafka_resp_err_t err = RetryRetriable(
      [&] {
        return rd_kafka_query_watermark_offsets(
            watermark_handle_, topic.c_str(), partition, &low, &high, request_ms_);
      },
      request_ms_);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(ErrorKind::kIo,
                "Cannot read the end offset of topic '" + topic + "' partition " +
                    std::to_string(partition) + ": " + rd_kafka_err2str(err));
  }
  return high;
}

int64_t PartitionFetcher::SkipInvisible(const std::string& topic,
                                        int32_t partition,
                                        int64_t offset) const {
  const auto found = positions_.find({topic, partition});
  if (found == positions_.end() || !found->second.ReadsOnFrom(offset)) {
    return offset;
  }
  return found->second.next_offset;
}

void PartitionFetcher::FetchInto(const std::string& topic,
                                 int32_t partition,
                                 int64_t offset,
                                 size_t max_records,
                                 std::vector<TopicRecord>& records) {
  // Errors that concern no partition queue (a broker down, ...) arrive on the consumer's
  // own queue: take them off it, so that they do not pile up.
  while (MessagePtr event{rd_kafka_consumer_poll(consumer_.get(), 0)}) {
    FLUXO_CHECK(event->err != RD_KAFKA_RESP_ERR_NO_ERROR,
                "a record reached the consumer's shared queue instead of its partition's");
    LogLine(LogLevel::kWarning,
            std::string("Kafka fetch: ") + rd_kafka_message_errstr(event.get()));
  }
  size_t used = 0;
  int64_t end = max_records == 0 ? offset : EndOffset(topic, partition, offset);
  // A query's reader at the end it knows still takes what is queued, without waiting: an
  // end-of-partition event that came after the records (left queued, the queue would never turn
  // non-empty again, and the reader never be told of new records), or records past that end.
  const auto known = positions_.find({topic, partition});
  const bool drain = query_reader_ && max_records > 0 && offset >= end &&
                     known != positions_.end() && known->second.ReadsOnFrom(offset);
  if (drain) {
    end = std::numeric_limits<int64_t>::max();
  }
  if (offset < end) {
    Position& position = Assign(topic, partition, offset);
    if (!position.ReadsOnFrom(offset)) {
      Seek(topic, partition, offset);
      position.next_offset = offset;
      position.eof_offset = -1;
    }
    position.handed_out_end = offset;
    // At the end librdkafka last reported, a short wait: it reports that end only once.
    const auto deadline =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(position.next_offset == position.eof_offset ? kPollMs
                                                                              : fetch_wait_ms_);
    bool at_end = false;
    std::array<rd_kafka_message_t*, kMessagesPerCall> messages{};
    std::string failure;
    while (used < max_records && position.next_offset < end && failure.empty() && !at_end &&
           std::chrono::steady_clock::now() < deadline) {
      // What is queued, without waiting; when nothing is, a wait for the next record only:
      // librdkafka waits out the timeout for a batch it cannot fill, and the end offset of a
      // fetch response may lie beyond the records it brought. A query's reader hands out what
      // it has as soon as nothing more is queued. Reading up to the end, one message more: the
      // end-of-partition event that follows the records (left queued, it would keep the queue
      // from ever turning non-empty again, and so the reader from being told of new records).
      const size_t room = std::min(kMessagesPerCall - 1, max_records - used);
      const auto up_to_end = static_cast<size_t>(end - position.next_offset);
      const size_t wanted = up_to_end < room ? up_to_end + 1 : room;
      ssize_t count =
          rd_kafka_consume_batch_queue(position.queue.get(), 0, messages.data(), wanted);
      if (count == 0) {
        if (drain || (used > 0 && query_reader_)) {
          break;  // Hand out what there is now.
        }
        count = rd_kafka_consume_batch_queue(position.queue.get(), kPollMs, messages.data(), 1);
      }
      for (ssize_t index = 0; index < count; ++index) {
        MessagePtr message(messages[static_cast<size_t>(index)]);
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
          if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            // Nothing visible before this offset is left (what lies between was markers or
            // aborted records); an end below the high watermark is an open transaction's.
            if (message->offset >= position.next_offset) {
              position.next_offset = message->offset;
              position.eof_offset = message->offset;
              at_end = true;
            }
            continue;
          }
          if (ClassifyKafkaError(message->err) == KafkaErrorClass::kRetriable) {
            // librdkafka retries the fetch itself (a leader moving, a broker restarting).
            LogLine(LogLevel::kWarning,
                    "Kafka fetch from topic '" + topic + "' partition " +
                        std::to_string(partition) +
                        " (retrying): " + rd_kafka_message_errstr(message.get()));
          } else if (failure.empty()) {
            failure = rd_kafka_message_errstr(message.get());
          }
          continue;
        }
        // Records before `offset` may still sit in a batch fetched before a seek.
        if (message->offset < position.next_offset || !failure.empty()) {
          continue;
        }
        if (used == records.size()) {
          records.emplace_back();
        }
        CopyMessageInto(*message, records[used++]);
        position.next_offset = message->offset + 1;
        position.handed_out_end = position.next_offset;
      }
    }
    if (!failure.empty()) {
      records.resize(used);
      throw Error(ErrorKind::kIo,
                  "Cannot fetch from topic '" + topic + "' partition " + std::to_string(partition) +
                      ": " + failure);
    }
  }
  records.resize(used);
}

}  // namespace fluxo::runtime::kafka
