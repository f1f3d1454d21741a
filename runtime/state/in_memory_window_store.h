#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/state/string_hash.h"
#include "runtime/state/window_store.h"

namespace fluxo::state {

/// A WindowStore in memory; nothing is persisted. The windows are grouped by start (a std::map
/// of a few entries: the live windows span a few starts), each start's windows in a hash map
/// by their time-first key (window_key_layout.h), so that Get and Put cost a hash lookup and
/// ExpireBefore drops whole starts. FetchKey reads an index of each key's windows, ordered by
/// start, end and sequence, which is brought up to date by the next FetchKey or Delete: a new
/// window only joins its start's list of unindexed windows, so that a store nobody fetches by
/// key (a TUMBLING or HOPPING aggregation's) pays for no index per window. FetchAll, which no
/// operator calls per record, sorts each start's windows by stored key as it visits them, so
/// that both stores visit in the same order.
class InMemoryWindowStore final : public WindowStore {
 public:
  explicit InMemoryWindowStore(std::string name) : name_(std::move(name)) {}

  const std::string& name() const override { return name_; }

  std::optional<std::string_view> Get(const WindowKey& window) override;

  void Put(const WindowKey& window, std::string_view value) override;

  void Delete(const WindowKey& window) override;

  void FetchKey(std::string_view key,
                int64_t from_ms,
                int64_t to_ms,
                const WindowVisitor& visitor) override;

  void FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) override;

  void ExpireBefore(int64_t start_ms) override;

  uint64_t ApproximateNumEntries() override { return size_; }

 private:
  /// One window of a key, in the key-first layout's order: start, end, sequence.
  struct Slot {
    int64_t start = 0;
    int64_t end = 0;
    uint64_t sequence = 0;

    auto operator<=>(const Slot&) const = default;
  };

  /// A window's value, and whether the window is in by_key_ yet.
  struct Stored {
    std::string value;
    bool indexed = false;
  };

  /// The windows of one start: value by time-first key.
  using Windows = std::unordered_map<std::string, Stored, StringHash, std::equal_to<>>;

  /// The windows of one start, and those of them not yet in by_key_ (nodes never move).
  struct Start {
    Windows windows;
    std::vector<Windows::value_type*> unindexed;
  };

  /// Encodes `window` into time_key_ and returns it.
  const std::string& TimeKey(const WindowKey& window);

  /// Removes `window` from the key index.
  void Unindex(const WindowKey& window);

  /// Adds the windows not yet indexed to by_key_.
  void IndexNewWindows();

  std::string name_;
  std::map<int64_t, Start> by_start_;
  std::unordered_map<std::string, std::set<Slot>, StringHash, std::equal_to<>> by_key_;
  uint64_t size_ = 0;
  uint64_t unindexed_count_ = 0;  ///< Windows in the starts' unindexed lists.
  std::string time_key_;          ///< Reused encoding buffer.
};

}  // namespace fluxo::state
