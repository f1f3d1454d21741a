#include "bench/stateful/hand_written_window.h"

#include <algorithm>
#include <chrono>
#include <simdjson.h>
#include <string>
#include <unordered_map>
#include <utility>

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct GroupKey {
  int64_t auction = 0;
  int64_t window_start = 0;

  bool operator==(const GroupKey&) const = default;
};

struct GroupKeyHash {
  size_t operator()(const GroupKey& key) const {
    // A 64-bit mix (splitmix64's finalizer) of both fields.
    uint64_t bits = static_cast<uint64_t>(key.auction) * 0x9e3779b97f4a7c15ULL ^
                    static_cast<uint64_t>(key.window_start);
    bits ^= bits >> 30;
    bits *= 0xbf58476d1ce4e5b9ULL;
    bits ^= bits >> 27;
    return static_cast<size_t>(bits);
  }
};

struct GroupState {
  int64_t count = 0;
  int64_t max_price = 0;
  int64_t timestamp = 0;  ///< The largest event time the group has seen (the output's).
  bool dirty = false;     ///< Changed since the last commit (collapsed output only).
};

/// One record of the in-memory sink, as the engine's sink topic holds it.
struct OutputRecord {
  std::string key;
  std::string value;
  int64_t timestamp = 0;
};

/// Appends `value` as 8 big-endian bytes.
void AppendBigEndian64(std::string& out, int64_t value) {
  const auto bits = static_cast<uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out += static_cast<char>((bits >> shift) & 0xff);
  }
}

/// Appends the output record of group `key` to `sink`.
void AppendOutput(const GroupKey& key, const GroupState& state, std::vector<OutputRecord>& sink) {
  OutputRecord record;
  record.key.reserve(16);
  AppendBigEndian64(record.key, key.auction);
  AppendBigEndian64(record.key, key.window_start);
  record.value = "{\"BIDS\":" + std::to_string(state.count) +
                 ",\"MAX_PRICE\":" + std::to_string(state.max_price) + "}";
  record.timestamp = state.timestamp;
  sink.push_back(std::move(record));
}

}  // namespace

HandWrittenWindowRun RunHandWrittenWindow(
    const std::vector<NexmarkRecord>& bids,
    WindowShape window,
    std::optional<std::chrono::milliseconds> commit_interval) {
  constexpr size_t kBidsPerClockLook = 1024;
  simdjson::ondemand::parser parser;
  std::unordered_map<GroupKey, GroupState, GroupKeyHash> groups;
  std::vector<std::pair<GroupKey, GroupState*>> dirty;  // Changed since the last commit.
  std::vector<OutputRecord> sink;
  sink.reserve(bids.size() * static_cast<size_t>(window.size_ms / window.advance_ms));
  const auto commit = [&] {
    for (const auto& [key, state] : dirty) {
      AppendOutput(key, *state, sink);
      state->dirty = false;
    }
    dirty.clear();
  };
  const Clock::time_point start = Clock::now();
  Clock::time_point last_commit = start;
  size_t since_look = 0;
  for (const NexmarkRecord& bid : bids) {
    simdjson::padded_string padded(bid.value);
    simdjson::ondemand::document document = parser.iterate(padded);
    const int64_t auction = document["auction"].get_int64();
    const int64_t price = document["price"].get_int64();
    const int64_t time = document["dateTime"].get_int64();
    // Kafka Streams' TimeWindows.windowsFor: every start k * advance with
    // start <= time < start + size and start >= 0.
    int64_t window_start = std::max<int64_t>(0, time - window.size_ms + window.advance_ms) /
                           window.advance_ms * window.advance_ms;
    for (; window_start <= time; window_start += window.advance_ms) {
      const GroupKey key{auction, window_start};
      GroupState& state = groups[key];
      ++state.count;
      state.max_price = state.count == 1 ? price : std::max(state.max_price, price);
      state.timestamp = std::max(state.timestamp, time);
      if (!commit_interval.has_value()) {
        AppendOutput(key, state, sink);
      } else if (!state.dirty) {
        state.dirty = true;
        dirty.emplace_back(key, &state);
      }
    }
    if (commit_interval.has_value() && ++since_look == kBidsPerClockLook) {
      since_look = 0;
      const Clock::time_point now = Clock::now();
      if (now - last_commit >= *commit_interval) {
        commit();
        last_commit = now;
      }
    }
  }
  commit();
  HandWrittenWindowRun run;
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.outputs = sink.size();
  for (const auto& [key, state] : groups) {
    run.final_results[{key.auction, key.window_start}] =
        WindowAggregate{state.count, state.max_price};
  }
  return run;
}

}  // namespace fluxo::bench
