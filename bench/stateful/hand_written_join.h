#pragma once

#include <vector>

#include "bench/stateful/nexmark_data.h"
#include "bench/stateful/query_results.h"

namespace fluxo::bench {

/// What the hand-written stream-table join measured and computed.
struct HandWrittenJoinRun {
  double seconds = 0;
  size_t outputs = 0;
  Checksum checksum;  ///< Joined rows, sum of the prices, sum of the names' lengths.
};

/// The hand-written reference for `SELECT b.bidder, b.auction, b.price, p.name, p.state FROM
/// bids b JOIN persons p ON b.bidder = p.id`: loads the persons table into a hash map (id from
/// the KAFKA key, name and state parsed with simdjson On-Demand), then for each bid parses
/// bidder, auction and price, looks the bidder up, and appends one output record (key: the
/// 8-byte big-endian bidder; value: {"AUCTION":..,"PRICE":..,"NAME":"..","STATE":".."}) to an
/// in-memory sink. Times both the table load and the bid loop (the engine's run does both).
HandWrittenJoinRun RunHandWrittenJoin(const std::vector<NexmarkRecord>& bids,
                                      const std::vector<NexmarkRecord>& persons);

}  // namespace fluxo::bench
