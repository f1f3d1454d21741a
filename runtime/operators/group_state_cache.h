#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "runtime/core/row_batch.h"
#include "runtime/operators/aggregation_core.h"
#include "runtime/state/key_value_store.h"
#include "runtime/state/window_store.h"

namespace fluxo::runtime {

/// The decoded aggregate states an aggregation operator is working on, in front of its state
/// store: a lookup decodes a group's state once, updates stay in memory, and Flush (before
/// the task commits) encodes the changed groups into the store. So the hot path neither
/// encodes nor touches the store per record; a restarted task reads what was flushed.
/// Keys are a group's encoded key, with the window bounds for windowed state.
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
  Update FindForUpdate(const std::string& key,
                       const std::optional<WindowBounds>& window,
                       bool create);

  /// Marks (key, window) changed, so that Flush writes it.
  void MarkDirty(const std::string& key, const std::optional<WindowBounds>& window);

  /// Removes (key, window) (a merged session).
  void Erase(const std::string& key, const std::optional<WindowBounds>& window);

  /// Writes the changed groups into the store. When the cache has grown past its bound, it
  /// drops the groups that did not change since the previous Flush (closed windows, idle keys),
  /// and everything if that is not enough.
  void Flush();

 private:
  struct Entry {
    std::string key;
    std::optional<WindowBounds> window;
    GroupState state;
    bool dirty = false;
    bool erased = false;
    bool recent = false;  ///< Changed between the last two flushes: kept when evicting.
  };

  /// Sets scratch_key_ to the cache key of (key, window) and returns it.
  const std::string& CacheKey(const std::string& key, const std::optional<WindowBounds>& window);

  /// Returns the cached entry of (key, window), loaded from the store when not cached;
  /// nullptr when the store has none either.
  Entry* FindEntry(const std::string& key, const std::optional<WindowBounds>& window);

  std::optional<GroupState> Load(const std::string& key, const std::optional<WindowBounds>& window);

  static constexpr size_t kMaxCachedGroups = 100000;

  const AggregationCore& core_;
  state::KeyValueStore* key_value_store_ = nullptr;
  state::WindowStore* window_store_ = nullptr;
  std::unordered_map<std::string, Entry> entries_;
  std::string scratch_key_;  ///< Reused by CacheKey, so that a hit allocates nothing.
};

}  // namespace fluxo::runtime
