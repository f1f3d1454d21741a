#include "bench/kafka/topic_client_tail.h"

#include <chrono>
#include <thread>

#include "runtime/core/error.h"

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kReadAttempts = 50;  ///< Broker errors the tail rides out (100 ms apart).

}  // namespace

double WallClockMs() {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count()) /
         1000.0;
}

TopicClientTail::TopicClientTail(std::shared_ptr<runtime::TopicClient> topics,
                                 std::string topic,
                                 int64_t measure_from_ms)
    : topics_(std::move(topics)), topic_(std::move(topic)) {
  measure_from_ms_ = measure_from_ms;
}

void TopicClientTail::Run(const std::atomic<uint64_t>& expected,
                          const std::atomic<bool>& expected_final) {
  // A topic the query has just created may not have a leader yet: retry for a while.
  for (int attempt = 1;; ++attempt) {
    try {
      ReadUntilDone(expected, expected_final);
      return;
    } catch (const Error& error) {
      if (attempt == kReadAttempts) {
        failure_ = topic_ + ": " + error.message();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void TopicClientTail::ReadUntilDone(const std::atomic<uint64_t>& expected,
                                    const std::atomic<bool>& expected_final) {
  if (next_.empty()) {
    next_.assign(static_cast<size_t>(topics_->PartitionCount(topic_)), 0);
  }
  std::vector<runtime::TopicRecord> records;
  Clock::time_point drain_deadline = Clock::time_point::max();
  while (!(expected_final && received_ >= expected) && Clock::now() < drain_deadline) {
    if (expected_final && drain_deadline == Clock::time_point::max()) {
      drain_deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(kTailDrainSeconds));
    }
    bool any = false;
    for (size_t partition = 0; partition < next_.size(); ++partition) {
      const auto index = static_cast<int32_t>(partition);
      const int64_t end = topics_->EndOffset(topic_, index);
      if (end <= next_[partition]) {
        continue;
      }
      topics_->FetchInto(
          topic_, index, next_[partition], static_cast<size_t>(end - next_[partition]), records);
      const double now_ms = WallClockMs();
      for (const runtime::TopicRecord& record : records) {
        Record(record.timestamp, now_ms);
      }
      if (!records.empty()) {
        any = true;
        next_[partition] = records.back().offset + 1;
      }
    }
    if (!any) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }
}

}  // namespace fluxo::bench
