#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/flat_hash_index.h"
#include "runtime/core/row_batch.h"
#include "runtime/operators/aggregation_core.h"
#include "runtime/state/key_value_store.h"
#include "runtime/state/window_store.h"

namespace fluxo::runtime {

/// A group's encoded key with its hash, computed once for every window a record updates
/// (a HOPPING record updates several windows of the same group key).
struct HashedGroupKey {
  explicit HashedGroupKey(const std::string& encoded);
  explicit HashedGroupKey(std::string&&) = delete;  ///< `bytes` would outlive its string.

  const std::string& bytes;
  size_t hash;
};

/// The decoded aggregate states an aggregation operator is working on, in front of its state
/// store: a lookup decodes a group's state once, updates stay in memory, and Flush (before
/// the task commits) encodes the changed groups into the store. So the hot path neither
/// encodes nor touches the store per record; a restarted task reads what was flushed.
/// Groups are known by their encoded key and, for windowed state, the window bounds.
///
/// The groups live in blocks of entries that never move, found through a FlatHashIndex: a
/// lookup reads one index slot and one entry, where a node-based hash map reads a bucket, the
/// node before the wanted one and the node. Entries are only added between two Flushes, so a
/// returned state stays put until the next Flush; Flush removes groups (erased, or evicted
/// past the bound), keeps their entries (and the memory of their states) for new groups, and
/// rebuilds the index.
class GroupStateCache {
 public:
  /// Caches groups of an unwindowed aggregation stored in `store`.
  GroupStateCache(const AggregationCore& core, state::KeyValueStore& store);

  /// Caches groups of a windowed aggregation stored in `store`.
  GroupStateCache(const AggregationCore& core, state::WindowStore& store);

  /// Returns the state of (key, window), or nullptr when the group has none.
  GroupState* Find(const std::string& key, const std::optional<WindowBounds>& window);

  /// Returns the state of (key, window), created with the initial state when missing.
  GroupState& FindOrCreate(const std::string& key, const std::optional<WindowBounds>& window);

  /// The group an update works on: its state, and whether it was just created.
  struct Update {
    GroupState* state = nullptr;  ///< nullptr: the group has none and `create` was false.
    bool created = false;
  };

  /// Returns the state of (key, window) for an update that follows, marked changed so that
  /// Flush writes it: one lookup where Find, FindOrCreate and MarkDirty would make three. A
  /// missing group is created with the initial state when `create` is true.
  Update FindForUpdate(const HashedGroupKey& key,
                       const std::optional<WindowBounds>& window,
                       bool create);

  /// Hints that the groups of `key` in `windows` are updated next (a HOPPING record's
  /// windows): their index slots, entries and states are fetched into the CPU cache side by
  /// side, instead of one after the other as each update would.
  void Prefetch(const HashedGroupKey& key, std::span<const WindowBounds> windows);

  /// Marks (key, window) changed, so that Flush writes it.
  void MarkDirty(const std::string& key, const std::optional<WindowBounds>& window);

  /// Removes (key, window) (a merged session).
  void Erase(const std::string& key, const std::optional<WindowBounds>& window);

  /// Writes the changed groups into the store. When the cache has grown past its bound, it
  /// drops the groups that did not change since the previous Flush (closed windows, idle keys),
  /// and everything if that is not enough.
  void Flush();

  /// The number of groups cached.
  size_t size() const { return live_; }

  /// The most groups kept after a Flush.
  static constexpr size_t kMaxCachedGroups = 100000;

 private:
  /// A cached group: its identity (encoded key, window, the key's hash), its state and flags.
  struct Entry {
    std::string bytes;
    std::optional<WindowBounds> window;
    size_t key_hash = 0;
    GroupState state;
    bool live = false;    ///< False: a free entry, on free_.
    bool dirty = false;   ///< Changed since the last Flush.
    bool erased = false;  ///< Removed: Flush deletes it from the store.
    bool recent = false;  ///< Changed between the last two flushes: kept when evicting.
  };

  static constexpr size_t kEntriesPerBlock = 1024;

  static size_t GroupHash(size_t key_hash, const std::optional<WindowBounds>& window);

  Entry& At(uint32_t entry) { return blocks_[entry / kEntriesPerBlock][entry % kEntriesPerBlock]; }

  /// Returns the cached entry of (key, window); nullptr when not cached.
  Entry* Lookup(std::string_view key, const std::optional<WindowBounds>& window, size_t key_hash);

  /// Adds (key, window) with `state` (nothing cached under it) and returns its entry.
  Entry& Insert(std::string_view key,
                const std::optional<WindowBounds>& window,
                size_t key_hash,
                std::optional<GroupState> state);

  /// Rebuilds the index over the live entries.
  void RebuildIndex();

  /// Returns the cached entry of (key, window), loaded from the store when not cached;
  /// nullptr when the store has none either.
  Entry* FindEntry(const HashedGroupKey& key, const std::optional<WindowBounds>& window);

  std::optional<GroupState> Load(const std::string& key, const std::optional<WindowBounds>& window);

  /// Frees every entry that `drop` selects (their memory is kept for new groups).
  template <typename Drop>
  size_t FreeEntries(Drop&& drop);

  const AggregationCore& core_;
  state::KeyValueStore* key_value_store_ = nullptr;
  state::WindowStore* window_store_ = nullptr;
  std::vector<std::unique_ptr<Entry[]>> blocks_;  ///< Entries, kEntriesPerBlock a block.
  size_t used_ = 0;                               ///< Entries handed out so far (live or free).
  std::vector<uint32_t> free_;                    ///< Free entries below used_.
  FlatHashIndex index_;                           ///< The live entries by GroupHash.
  size_t live_ = 0;
  std::string state_bytes_;           ///< Reused by Flush to encode each changed state.
  std::vector<uint32_t> prefetched_;  ///< Reused by Prefetch: the entries it found.
};

}  // namespace fluxo::runtime
