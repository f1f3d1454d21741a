#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "runtime/kafka/delivery_receiver.h"

namespace fluxo::runtime::kafka {

/// Counts the records KafkaTopicClient::Send hands to librdkafka until their delivery reports
/// come, in batches separated by marks: a query takes a mark when it commits and later asks
/// whether everything sent before the mark is stored, without waiting for what was sent after
/// it (TopicClient::SendMark / SentThrough). Keeps the first failed report's error. Thread-safe.
class SendTracker {
 public:
  SendTracker();
  ~SendTracker();

  SendTracker(const SendTracker&) = delete;
  SendTracker& operator=(const SendTracker&) = delete;

  /// Counts `records` about to be produced in the current batch; returns the receiver to give
  /// each of them as its opaque.
  DeliveryReceiver* Track(size_t records);
  /// Takes back `records` counted by Track that librdkafka refused.
  void Untrack(DeliveryReceiver* receiver, size_t records);
  /// Ends the current batch; the mark stands for every record tracked before it.
  uint64_t Mark();
  /// True when every record tracked before `mark` has its delivery report. Throws
  /// fluxo::Error (kIo) with the first failed report since the last throw.
  bool DeliveredThrough(uint64_t mark);

  /// The records without a delivery report, in every batch.
  size_t outstanding() const { return outstanding_; }

  /// Throws fluxo::Error (kIo) with the first failed report since the last throw, if any.
  void ThrowFirstFailure();

 private:
  /// The records of one batch: counted down by their reports.
  struct Batch final : DeliveryReceiver {
    explicit Batch(SendTracker& owner) : tracker(&owner) {}

    void OnDelivery(const rd_kafka_message_t& message) override;

    SendTracker* tracker;
    std::atomic<size_t> outstanding{0};
  };

  void RecordFailure(const rd_kafka_message_t& message);

  std::mutex batches_mutex_;
  /// The oldest batch with records still outstanding first, the current batch last.
  std::deque<std::unique_ptr<Batch>> batches_;
  uint64_t front_mark_ = 0;  ///< The mark of batches_.front(); guarded.
  std::atomic<size_t> outstanding_{0};
  std::mutex failure_mutex_;
  std::string first_failure_;  ///< Guarded.
};

}  // namespace fluxo::runtime::kafka
