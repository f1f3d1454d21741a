#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "bench/stateful/nexmark_data.h"
#include "bench/stateful/query_results.h"

namespace fluxo::bench {

/// What the hand-written windowed aggregation measured and computed.
struct HandWrittenWindowRun {
  double seconds = 0;
  size_t outputs = 0;  ///< Output records (see RunHandWrittenWindow).
  WindowResults final_results;
};

/// The hand-written reference for `SELECT auction, COUNT(*), MAX(price) ... WINDOW ... GROUP BY
/// auction EMIT CHANGES`: parses each bid with simdjson On-Demand, assigns it to its windows
/// (Kafka Streams' TimeWindows: start = k * advance, start <= time < start + size, start >= 0),
/// updates the (auction, window start) state in a hash map and appends output records (key:
/// 8-byte big-endian auction + 8-byte big-endian window start; value: {"BIDS":n,"MAX_PRICE":m})
/// to an in-memory sink: without `commit_interval`, one per bid per window holding it; otherwise
/// one per changed (auction, window) at each commit, as the engine's record cache emits them:
/// a commit once `commit_interval` of wall time has passed since the last one (looked at every
/// 1,024 bids, as the engine looks after each poll) and one at the end. Times the loop, not the
/// final conversion.
HandWrittenWindowRun RunHandWrittenWindow(const std::vector<NexmarkRecord>& bids,
                                          WindowShape window,
                                          std::optional<std::chrono::milliseconds> commit_interval);

}  // namespace fluxo::bench
