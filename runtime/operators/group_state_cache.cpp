#include "runtime/operators/group_state_cache.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/string_hash.h"

namespace fluxo::runtime {

HashedGroupKey::HashedGroupKey(const std::string& encoded)
    : bytes(encoded), hash(std::hash<std::string_view>{}(encoded)) {}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::KeyValueStore& store)
    : core_(core), key_value_store_(&store) {}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::WindowStore& store)
    : core_(core), window_store_(&store) {}

size_t GroupStateCache::GroupHash(size_t key_hash, const std::optional<WindowBounds>& window) {
  // Windows of one key differ in their start (and a session's end).
  return window.has_value() ? state::MixIntoHash(key_hash,
                                                 static_cast<uint64_t>(window->start),
                                                 static_cast<uint64_t>(window->end))
                            : key_hash;
}

GroupStateCache::Entry* GroupStateCache::Lookup(std::string_view key,
                                                const std::optional<WindowBounds>& window,
                                                size_t key_hash) {
  const uint32_t found = index_.Find(GroupHash(key_hash, window), [&](uint32_t number) {
    const Entry& entry = At(number);
    return entry.key_hash == key_hash && entry.window == window && entry.bytes == key;
  });
  return found == FlatHashIndex::kNone ? nullptr : &At(found);
}

void GroupStateCache::RebuildIndex() {
  index_.Reset(live_);
  for (size_t number = 0; number < used_; ++number) {
    const Entry& entry = At(static_cast<uint32_t>(number));
    if (entry.live) {
      index_.Insert(GroupHash(entry.key_hash, entry.window), static_cast<uint32_t>(number));
    }
  }
}

GroupStateCache::Entry& GroupStateCache::Insert(std::string_view key,
                                                const std::optional<WindowBounds>& window,
                                                size_t key_hash,
                                                std::optional<GroupState> state) {
  uint32_t number = 0;
  if (!free_.empty()) {
    number = free_.back();
    free_.pop_back();
  } else {
    FLUXO_CHECK(used_ < FlatHashIndex::kNone, "too many cached groups");
    if (used_ == blocks_.size() * kEntriesPerBlock) {
      blocks_.push_back(std::make_unique<Entry[]>(kEntriesPerBlock));
    }
    number = static_cast<uint32_t>(used_++);
  }
  Entry& entry = At(number);
  entry.bytes.assign(key);
  entry.window = window;
  entry.key_hash = key_hash;
  if (state.has_value()) {
    entry.state = std::move(*state);
  } else {
    core_.InitialInto(entry.state);  // Reuses the memory of a freed group's states.
  }
  entry.live = true;
  entry.dirty = false;
  entry.erased = false;
  entry.recent = false;
  ++live_;
  index_.Insert(GroupHash(key_hash, window), number);
  return entry;
}

std::optional<GroupState> GroupStateCache::Load(const std::string& key,
                                                const std::optional<WindowBounds>& window) {
  std::optional<std::string_view> bytes;
  if (window_store_ != nullptr) {
    bytes = window_store_->Get(state::WindowKey{key, window->start, window->end, 0});
  } else {
    bytes = key_value_store_->Get(key);
  }
  if (!bytes.has_value()) {
    return std::nullopt;
  }
  return core_.DecodeState(*bytes);
}

GroupStateCache::Entry* GroupStateCache::FindEntry(const HashedGroupKey& key,
                                                   const std::optional<WindowBounds>& window) {
  if (Entry* entry = Lookup(key.bytes, window, key.hash); entry != nullptr) {
    return entry;
  }
  std::optional<GroupState> loaded = Load(key.bytes, window);
  if (!loaded.has_value()) {
    return nullptr;
  }
  return &Insert(key.bytes, window, key.hash, std::move(loaded));
}

GroupState* GroupStateCache::Find(const std::string& key,
                                  const std::optional<WindowBounds>& window) {
  Entry* entry = FindEntry(HashedGroupKey(key), window);
  return entry == nullptr || entry->erased ? nullptr : &entry->state;
}

GroupState& GroupStateCache::FindOrCreate(const std::string& key,
                                          const std::optional<WindowBounds>& window) {
  return *FindForUpdate(HashedGroupKey(key), window, /*create=*/true).state;
}

GroupStateCache::Update GroupStateCache::FindForUpdate(const HashedGroupKey& key,
                                                       const std::optional<WindowBounds>& window,
                                                       bool create) {
  Entry* entry = FindEntry(key, window);
  if (entry != nullptr && !entry->erased) {
    entry->dirty = true;
    return {&entry->state, false};
  }
  if (!create) {
    return {};
  }
  if (entry == nullptr) {
    entry = &Insert(key.bytes, window, key.hash, std::nullopt);
  } else {
    core_.InitialInto(entry->state);
    entry->erased = false;
    entry->recent = false;
  }
  entry->dirty = true;
  return {&entry->state, true};
}

void GroupStateCache::Prefetch(const HashedGroupKey& key, std::span<const WindowBounds> windows) {
  for (const WindowBounds& window : windows) {
    index_.Prefetch(GroupHash(key.hash, window));
  }
  prefetched_.clear();
  for (const WindowBounds& window : windows) {
    const uint32_t number = index_.FindFirst(GroupHash(key.hash, window));
    if (number != FlatHashIndex::kNone) {
      __builtin_prefetch(&At(number));
      prefetched_.push_back(number);
    }
  }
  for (const uint32_t number : prefetched_) {
    __builtin_prefetch(At(number).state.states.data());
  }
}

void GroupStateCache::MarkDirty(const std::string& key, const std::optional<WindowBounds>& window) {
  const HashedGroupKey hashed(key);
  if (Entry* entry = Lookup(hashed.bytes, window, hashed.hash); entry != nullptr) {
    entry->dirty = true;
  }
}

void GroupStateCache::Erase(const std::string& key, const std::optional<WindowBounds>& window) {
  const HashedGroupKey hashed(key);
  Entry* entry = Lookup(hashed.bytes, window, hashed.hash);
  if (entry == nullptr) {
    entry = &Insert(hashed.bytes, window, hashed.hash, std::nullopt);
  }
  entry->erased = true;
  entry->dirty = true;
}

template <typename Drop>
size_t GroupStateCache::FreeEntries(Drop&& drop) {
  size_t freed = 0;
  for (size_t number = 0; number < used_; ++number) {
    Entry& entry = At(static_cast<uint32_t>(number));
    if (!entry.live || !drop(entry)) {
      continue;
    }
    entry.live = false;
    entry.state.states.clear();  // Keeps the list's memory, not what its values held.
    free_.push_back(static_cast<uint32_t>(number));
    ++freed;
  }
  live_ -= freed;
  return freed;
}

void GroupStateCache::Flush() {
  for (size_t number = 0; number < used_; ++number) {
    Entry& entry = At(static_cast<uint32_t>(number));
    if (!entry.live) {
      continue;
    }
    entry.recent = entry.dirty;
    if (!entry.dirty) {
      continue;
    }
    if (window_store_ != nullptr) {
      const state::WindowKey window_key{entry.bytes, entry.window->start, entry.window->end, 0};
      if (entry.erased) {
        window_store_->Delete(window_key);
      } else {
        core_.EncodeStateInto(entry.state, state_bytes_);
        window_store_->Put(window_key, state_bytes_);
      }
    } else if (entry.erased) {
      key_value_store_->Delete(entry.bytes);
    } else {
      core_.EncodeStateInto(entry.state, state_bytes_);
      key_value_store_->Put(entry.bytes, state_bytes_);
    }
    entry.dirty = false;
  }
  size_t freed = 0;
  if (live_ > kMaxCachedGroups) {
    freed += FreeEntries([](const Entry& entry) { return !entry.recent || entry.erased; });
  }
  if (live_ > kMaxCachedGroups) {
    // Even the groups changed lately are too many: start over (the store has them all).
    blocks_.clear();
    free_.clear();
    used_ = 0;
    live_ = 0;
    index_.Reset();
    return;
  }
  freed += FreeEntries([](const Entry& entry) { return entry.erased; });
  if (freed > 0) {
    RebuildIndex();
  }
}

}  // namespace fluxo::runtime
