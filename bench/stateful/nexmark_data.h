#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fluxo::bench {

/// The event time of the first bid (ms since the epoch, a multiple of 10 s).
inline constexpr int64_t kFirstBidTime = 1700000000000;

/// Bids per millisecond of event time: 10 events/ms = 100,000 bids per 10-second window.
inline constexpr int64_t kBidsPerMillisecond = 10;

/// Distinct auctions the bids go to (uniformly): about 10 bids per auction per 10 s window.
inline constexpr int64_t kAuctionCount = 10000;

/// Rows of the persons table; every bid's bidder is one of them.
inline constexpr int64_t kPersonCount = 100000;

/// The first person id (bidders are kFirstPersonId .. kFirstPersonId + kPersonCount - 1).
inline constexpr int64_t kFirstPersonId = 2000;

/// One generated record: the Kafka key bytes (empty for none), the JSON value and the
/// record timestamp in ms.
struct NexmarkRecord {
  std::string key;
  std::string value;
  int64_t timestamp = 0;
};

/// Returns `count` deterministic Nexmark-style bids as JSON objects of 7 fields (~150 bytes;
/// the stateless bench's shape), with no key. Event times (`dateTime`, also the record
/// timestamp) start at kFirstBidTime and advance by 1 ms every kBidsPerMillisecond bids, so
/// that one run spans many 10-second windows.
std::vector<NexmarkRecord> MakeBids(size_t count);

/// Returns the kPersonCount rows of the persons table as Nexmark-style JSON objects (8 fields),
/// keyed by the id as a KAFKA-format BIGINT (8 bytes, big-endian), timestamped before every bid.
std::vector<NexmarkRecord> MakePersons();

/// Writes the values of `records`, one JSON object a line (the file DuckDB reads).
void WriteJsonLines(const std::vector<NexmarkRecord>& records, const std::string& path);

/// Returns `value` as 8 big-endian bytes (Kafka's LongSerializer: the KAFKA key format).
std::string BigEndian64(int64_t value);

/// Reads 8 big-endian bytes from `bytes`.
int64_t ReadBigEndian64(const char* bytes);

}  // namespace fluxo::bench
