#include "cli/datagen/record_pump.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ostream>
#include <thread>
#include <vector>

namespace fluxo::cli::datagen {
namespace {

using Clock = std::chrono::steady_clock;

/// Records per batch without a rate: large batches amortise the wait for delivery reports.
constexpr int64_t kMaxBatch = 10000;
/// With a rate, a batch holds this fraction of a second's records.
constexpr double kBatchesPerSecond = 20.0;
constexpr auto kProgressInterval = std::chrono::seconds(1);

double SecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

/// Waits up to `wait` for a stop request; returns true when one came.
bool WaitForStop(const PumpOptions& options, std::chrono::milliseconds wait) {
  if (!options.wait_for_stop) {
    std::this_thread::sleep_for(wait);
    return false;
  }
  return options.wait_for_stop(wait);
}

/// Waits until `due`; returns false when a stop request came first.
bool SleepUntil(Clock::time_point due, const PumpOptions& options) {
  for (Clock::time_point now = Clock::now(); now < due; now = Clock::now()) {
    // Rounded up, so that the wait never ends before `due`.
    if (WaitForStop(options, std::chrono::ceil<std::chrono::milliseconds>(due - now))) {
      return false;
    }
  }
  return !WaitForStop(options, std::chrono::milliseconds(0));
}

}  // namespace

PumpSummary PumpRecords(RecordSource& source,
                        RecordSink& sink,
                        const PumpOptions& options,
                        std::ostream& progress) {
  const int64_t batch_size =
      options.rate > 0.0
          ? std::clamp<int64_t>(std::llround(options.rate / kBatchesPerSecond), 1, kMaxBatch)
          : kMaxBatch;
  const Clock::time_point start = Clock::now();
  Clock::time_point last_progress = start;
  int64_t records_at_last_progress = 0;
  int64_t sent = 0;
  std::vector<runtime::TopicRecord> batch;
  while (!options.count || sent < *options.count) {
    if (options.rate > 0.0) {
      const auto due =
          start + std::chrono::duration_cast<Clock::duration>(
                      std::chrono::duration<double>(static_cast<double>(sent) / options.rate));
      if (!SleepUntil(due, options)) {
        break;
      }
    } else if (WaitForStop(options, std::chrono::milliseconds(0))) {
      break;
    }
    const int64_t size = options.count ? std::min(batch_size, *options.count - sent) : batch_size;
    batch.resize(static_cast<size_t>(size));
    for (runtime::TopicRecord& record : batch) {
      source.Next(record);
    }
    sink.Write(batch);
    sent += size;

    const Clock::time_point now = Clock::now();
    if (now - last_progress >= kProgressInterval) {
      const double rate =
          static_cast<double>(sent - records_at_last_progress) / SecondsBetween(last_progress, now);
      progress << "fluxo datagen: " << sent << " records sent (" << std::llround(rate)
               << " records/s)" << std::endl;
      last_progress = now;
      records_at_last_progress = sent;
    }
  }
  return PumpSummary{sent, SecondsBetween(start, Clock::now())};
}

}  // namespace fluxo::cli::datagen
