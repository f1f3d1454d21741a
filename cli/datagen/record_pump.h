#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>

#include "cli/datagen/record_sink.h"
#include "cli/datagen/record_source.h"

namespace fluxo::cli::datagen {

/// How many records to send and how fast.
struct PumpOptions {
  std::optional<int64_t> count;  ///< nullopt: until a stop is requested.
  double rate = 0.0;             ///< Records per second; 0: as fast as possible.
  /// Waits up to the given time for a stop request (SIGINT, ...) and returns true once one
  /// has come; nothing stops the pump when empty.
  std::function<bool(std::chrono::milliseconds)> wait_for_stop;
};

/// What a pump did.
struct PumpSummary {
  int64_t records = 0;
  double seconds = 0.0;
};

/// Moves records from `source` to `sink` in batches until the count is reached or a stop is
/// requested (checked between batches; the batch in flight is finished). With a rate, batches
/// of about 1/20 s of records are sent on schedule, so the average rate holds from the start.
/// Writes a progress line on `progress` about once a second (not the final summary).
PumpSummary PumpRecords(RecordSource& source,
                        RecordSink& sink,
                        const PumpOptions& options,
                        std::ostream& progress);

}  // namespace fluxo::cli::datagen
