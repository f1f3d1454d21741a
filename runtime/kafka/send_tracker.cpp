#include "runtime/kafka/send_tracker.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime::kafka {

SendTracker::SendTracker() {
  batches_.push_back(std::make_unique<Batch>(*this));
}

SendTracker::~SendTracker() = default;

DeliveryReceiver* SendTracker::Track(size_t records) {
  const std::lock_guard lock(batches_mutex_);
  Batch& current = *batches_.back();
  // Before producing: a report may come before the produce call returns.
  current.outstanding += records;
  outstanding_ += records;
  return &current;
}

void SendTracker::Untrack(DeliveryReceiver* receiver, size_t records) {
  auto* batch = static_cast<Batch*>(receiver);
  batch->outstanding -= records;
  outstanding_ -= records;
}

uint64_t SendTracker::Mark() {
  const std::lock_guard lock(batches_mutex_);
  batches_.push_back(std::make_unique<Batch>(*this));
  return front_mark_ + batches_.size() - 1;
}

bool SendTracker::DeliveredThrough(uint64_t mark) {
  bool delivered = false;
  {
    const std::lock_guard lock(batches_mutex_);
    // Ended batches whose records all have their reports are done; the current one stays.
    while (batches_.size() > 1 && batches_.front()->outstanding == 0) {
      batches_.pop_front();
      ++front_mark_;
    }
    delivered = front_mark_ >= mark;
  }
  ThrowFirstFailure();
  return delivered;
}

void SendTracker::ThrowFirstFailure() {
  const std::lock_guard lock(failure_mutex_);
  if (!first_failure_.empty()) {
    std::string failure;
    failure.swap(first_failure_);
    throw Error(ErrorKind::kIo, failure);
  }
}

void SendTracker::RecordFailure(const rd_kafka_message_t& message) {
  const std::lock_guard lock(failure_mutex_);
  if (first_failure_.empty()) {
    first_failure_ = std::string("Cannot produce to topic '") +
                     (message.rkt != nullptr ? rd_kafka_topic_name(message.rkt) : "") +
                     "': " + rd_kafka_err2str(message.err);
  }
}

void SendTracker::Batch::OnDelivery(const rd_kafka_message_t& message) {
  if (message.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    tracker->RecordFailure(message);
  }
  --outstanding;
  --tracker->outstanding_;
}

}  // namespace fluxo::runtime::kafka
