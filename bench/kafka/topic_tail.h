#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace fluxo::bench {

/// Reads a topic as it grows, as a consumer would, and records for every record whose
/// timestamp is at or after a given time: wall-clock now - the record's timestamp, in ms.
/// The latency probe runs one on the query's output and one on its input.
class TopicTail {
 public:
  virtual ~TopicTail() = default;

  /// Reads until `expected` records have arrived once `expected_final` is set, or for at most
  /// a drain time after it is set. Runs on its own thread; records a failure instead of
  /// throwing.
  virtual void Run(const std::atomic<uint64_t>& expected,
                   const std::atomic<bool>& expected_final) = 0;

  /// What the reader is, for the report ("kcat -C -u", "KafkaTopicClient").
  virtual std::string Name() const = 0;

  uint64_t received() const { return received_; }

  const std::string& failure() const { return failure_; }

  std::vector<double>& latencies_ms() { return latencies_ms_; }

 protected:
  /// Counts one record with timestamp `timestamp_ms` read at `now_ms`.
  void Record(int64_t timestamp_ms, double now_ms) {
    ++received_;
    if (timestamp_ms >= measure_from_ms_) {
      latencies_ms_.push_back(now_ms - static_cast<double>(timestamp_ms));
    }
  }

  int64_t measure_from_ms_ = 0;
  std::atomic<uint64_t> received_{0};
  std::vector<double> latencies_ms_;
  std::string failure_;
};

/// Wall-clock time in ms since the epoch, with the microseconds as the fraction.
double WallClockMs();

/// How long a tail waits for the last records once the producer has stopped.
inline constexpr double kTailDrainSeconds = 10;

}  // namespace fluxo::bench
