#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/state/string_hash.h"
#include "runtime/state/window_store.h"

namespace fluxo::state {

/// A WindowStore in memory; nothing is persisted. The windows are grouped by start (a std::map
/// of a few entries: the live windows span a few starts), each start's windows in a hash map
/// by (key bytes, end, sequence), so that Get and Put cost a hash lookup without building a
/// stored key (a short key stays in the node, without an allocation of its own) and
/// ExpireBefore drops whole starts. FetchKey reads an index of each key's windows, ordered by
/// start, end and sequence, which is brought up to date by the next FetchKey or Delete: a new
/// window only joins its start's list of unindexed windows, so that a store nobody fetches by
/// key (a TUMBLING or HOPPING aggregation's) pays for no index per window. FetchAll, which no
/// operator calls per record, sorts each start's windows by their time-first keys
/// (window_key_layout.h) as it visits them, so that both stores visit in the same order.
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

  /// A window within its start: the map's key, with its hash (WindowHash), so that neither
  /// the insert after a lookup nor a rehash hashes the key bytes again.
  struct WindowId {
    std::string key;
    int64_t end = 0;
    uint64_t sequence = 0;
    size_t hash = 0;
  };

  /// What a lookup compares with a WindowId, without building one.
  struct WindowIdView {
    std::string_view key;
    int64_t end = 0;
    uint64_t sequence = 0;
    size_t hash = 0;
  };

  struct WindowIdHash {
    using is_transparent = void;

    template <typename Id>
    size_t operator()(const Id& id) const noexcept {
      return id.hash;
    }
  };

  struct WindowIdEqual {
    using is_transparent = void;

    template <typename Left, typename Right>
    bool operator()(const Left& left, const Right& right) const noexcept {
      return left.hash == right.hash && left.end == right.end && left.sequence == right.sequence &&
             std::string_view(left.key) == std::string_view(right.key);
    }
  };

  /// The windows of one start: value by (key, end, sequence).
  using Windows = std::unordered_map<WindowId, Stored, WindowIdHash, WindowIdEqual>;

  /// The windows of one start, and those of them not yet in by_key_ (nodes never move).
  struct Start {
    Windows windows;
    std::vector<Windows::value_type*> unindexed;
  };

  /// The hash of a window within its start.
  static size_t WindowHash(std::string_view key, int64_t end, uint64_t sequence);

  static WindowIdView IdOf(const WindowKey& window) {
    return WindowIdView{window.key,
                        window.end_ms,
                        window.sequence,
                        WindowHash(window.key, window.end_ms, window.sequence)};
  }

  /// Removes `window` from the key index.
  void Unindex(const WindowKey& window);

  /// Adds the windows not yet indexed to by_key_.
  void IndexNewWindows();

  std::string name_;
  std::map<int64_t, Start> by_start_;
  std::unordered_map<std::string, std::set<Slot>, StringHash, std::equal_to<>> by_key_;
  uint64_t size_ = 0;
  uint64_t unindexed_count_ = 0;  ///< Windows in the starts' unindexed lists.
};

}  // namespace fluxo::state
