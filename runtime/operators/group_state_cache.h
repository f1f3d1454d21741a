#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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

  /// Marks (key, window) changed, so that Flush writes it.
  void MarkDirty(const std::string& key, const std::optional<WindowBounds>& window);

  /// Removes (key, window) (a merged session).
  void Erase(const std::string& key, const std::optional<WindowBounds>& window);

  /// Writes the changed groups into the store. When the cache has grown past its bound, it
  /// drops the groups that did not change since the previous Flush (closed windows, idle keys),
  /// and everything if that is not enough.
  void Flush();

 private:
  /// A cached group's identity: the map's key. The hash of `bytes` is kept, so that neither
  /// a lookup nor a rehash hashes the key string again.
  struct GroupId {
    std::string bytes;
    std::optional<WindowBounds> window;
    size_t key_hash = 0;
  };

  /// What a lookup compares with a GroupId, without building one.
  struct GroupLookup {
    std::string_view bytes;
    const std::optional<WindowBounds>* window;
    size_t key_hash;
  };

  struct GroupIdHash {
    using is_transparent = void;

    size_t operator()(const GroupId& id) const noexcept { return Mix(id.key_hash, id.window); }

    size_t operator()(const GroupLookup& lookup) const noexcept {
      return Mix(lookup.key_hash, *lookup.window);
    }

    static size_t Mix(size_t key_hash, const std::optional<WindowBounds>& window) noexcept;
  };

  struct GroupIdEqual {
    using is_transparent = void;

    bool operator()(const GroupId& left, const GroupId& right) const noexcept {
      return left.key_hash == right.key_hash && left.window == right.window &&
             left.bytes == right.bytes;
    }

    bool operator()(const GroupLookup& left, const GroupId& right) const noexcept {
      return left.key_hash == right.key_hash && *left.window == right.window &&
             left.bytes == right.bytes;
    }

    bool operator()(const GroupId& left, const GroupLookup& right) const noexcept {
      return (*this)(right, left);
    }
  };

  struct Entry {
    GroupState state;
    bool dirty = false;
    bool erased = false;
    bool recent = false;  ///< Changed between the last two flushes: kept when evicting.
  };

  using EntryMap = std::unordered_map<GroupId, Entry, GroupIdHash, GroupIdEqual>;

  /// Returns the cached entry of (key, window), loaded from the store when not cached;
  /// nullptr when the store has none either.
  Entry* FindEntry(const HashedGroupKey& key, const std::optional<WindowBounds>& window);

  /// Returns the entry of (key, window), default-constructed when not cached (not loaded).
  Entry& EntryFor(const HashedGroupKey& key, const std::optional<WindowBounds>& window);

  std::optional<GroupState> Load(const std::string& key, const std::optional<WindowBounds>& window);

  static constexpr size_t kMaxCachedGroups = 100000;

  const AggregationCore& core_;
  state::KeyValueStore* key_value_store_ = nullptr;
  state::WindowStore* window_store_ = nullptr;
  EntryMap entries_;
  std::string state_bytes_;  ///< Reused by Flush to encode each changed state.
};

}  // namespace fluxo::runtime
