#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace fluxo::bench {

/// A TUMBLING (advance = size) or HOPPING window over the bids' event time.
struct WindowShape {
  int64_t size_ms = 0;
  int64_t advance_ms = 0;
};

/// The final aggregates of one (auction, window): COUNT(*) and MAX(price).
struct WindowAggregate {
  int64_t count = 0;
  int64_t max_price = 0;

  bool operator==(const WindowAggregate&) const = default;
};

/// Final per-window results, ordered by (auction, window start in ms).
using WindowResults = std::map<std::pair<int64_t, int64_t>, WindowAggregate>;

/// A summary every side (engine, hand-written, DuckDB) computes of its final results:
///  * windows: the number of (auction, window) rows, the sum of the counts, the sum of the
///    maximum prices;
///  * join: the number of joined rows, the sum of the prices, the sum of the names' lengths.
struct Checksum {
  int64_t rows = 0;
  int64_t sum_a = 0;
  int64_t sum_b = 0;

  bool operator==(const Checksum&) const = default;
};

/// Returns the windows' checksum (rows, sum of counts, sum of maximum prices).
Checksum ChecksumOf(const WindowResults& results);

/// Returns "" when `engine` equals `hand_written`, else a description of the first difference.
std::string CompareWindowResults(const WindowResults& engine, const WindowResults& hand_written);

/// Formats a checksum as "rows/sum_a/sum_b".
std::string FormatChecksum(const Checksum& checksum);

}  // namespace fluxo::bench
