#include "runtime/operators/group_state_cache.h"

#include <functional>
#include <tuple>
#include <utility>

#include "runtime/state/string_hash.h"

namespace fluxo::runtime {

HashedGroupKey::HashedGroupKey(const std::string& encoded)
    : bytes(encoded), hash(std::hash<std::string_view>{}(encoded)) {}

size_t GroupStateCache::GroupIdHash::Mix(size_t key_hash,
                                         const std::optional<WindowBounds>& window) noexcept {
  // Windows of one key differ in their start (and a session's end).
  return window.has_value() ? state::MixIntoHash(key_hash,
                                                 static_cast<uint64_t>(window->start),
                                                 static_cast<uint64_t>(window->end))
                            : key_hash;
}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::KeyValueStore& store)
    : core_(core), key_value_store_(&store) {}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::WindowStore& store)
    : core_(core), window_store_(&store) {}

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

GroupStateCache::Entry& GroupStateCache::EntryFor(const HashedGroupKey& key,
                                                  const std::optional<WindowBounds>& window) {
  const auto found = entries_.find(GroupLookup{key.bytes, &window, key.hash});
  if (found != entries_.end()) {
    return found->second;
  }
  return entries_.emplace(GroupId{key.bytes, window, key.hash}, Entry{}).first->second;
}

GroupStateCache::Entry* GroupStateCache::FindEntry(const HashedGroupKey& key,
                                                   const std::optional<WindowBounds>& window) {
  auto found = entries_.find(GroupLookup{key.bytes, &window, key.hash});
  if (found == entries_.end()) {
    std::optional<GroupState> loaded = Load(key.bytes, window);
    if (!loaded.has_value()) {
      return nullptr;
    }
    found = entries_
                .emplace(GroupId{key.bytes, window, key.hash},
                         Entry{std::move(*loaded), false, false, false})
                .first;
  }
  return &found->second;
}

GroupState* GroupStateCache::Find(const std::string& key,
                                  const std::optional<WindowBounds>& window) {
  Entry* entry = FindEntry(HashedGroupKey(key), window);
  return entry == nullptr || entry->erased ? nullptr : &entry->state;
}

GroupState& GroupStateCache::FindOrCreate(const std::string& key,
                                          const std::optional<WindowBounds>& window) {
  const HashedGroupKey hashed(key);
  Entry* entry = FindEntry(hashed, window);
  if (entry != nullptr && !entry->erased) {
    return entry->state;
  }
  if (entry == nullptr) {
    entry = &EntryFor(hashed, window);
  }
  *entry = Entry{core_.Initial(), true, false, false};
  return entry->state;
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
    // Built in place in the new node: no temporary id or entry to move from.
    entry = &entries_
                 .emplace(std::piecewise_construct,
                          std::forward_as_tuple(key.bytes, window, key.hash),
                          std::forward_as_tuple(core_.Initial(), true, false, false))
                 .first->second;
  } else {
    *entry = Entry{core_.Initial(), true, false, false};
  }
  return {&entry->state, true};
}

void GroupStateCache::MarkDirty(const std::string& key, const std::optional<WindowBounds>& window) {
  const HashedGroupKey hashed(key);
  const auto found = entries_.find(GroupLookup{hashed.bytes, &window, hashed.hash});
  if (found != entries_.end()) {
    found->second.dirty = true;
  }
}

void GroupStateCache::Erase(const std::string& key, const std::optional<WindowBounds>& window) {
  Entry& entry = EntryFor(HashedGroupKey(key), window);
  entry.erased = true;
  entry.dirty = true;
}

void GroupStateCache::Flush() {
  for (auto& [id, entry] : entries_) {
    entry.recent = entry.dirty;
    if (!entry.dirty) {
      continue;
    }
    if (window_store_ != nullptr) {
      const state::WindowKey window_key{id.bytes, id.window->start, id.window->end, 0};
      if (entry.erased) {
        window_store_->Delete(window_key);
      } else {
        core_.EncodeStateInto(entry.state, state_bytes_);
        window_store_->Put(window_key, state_bytes_);
      }
    } else if (entry.erased) {
      key_value_store_->Delete(id.bytes);
    } else {
      core_.EncodeStateInto(entry.state, state_bytes_);
      key_value_store_->Put(id.bytes, state_bytes_);
    }
    entry.dirty = false;
  }
  if (entries_.size() > kMaxCachedGroups) {
    std::erase_if(entries_, [](const auto& item) { return !item.second.recent; });
  }
  if (entries_.size() > kMaxCachedGroups) {
    entries_.clear();
  } else {
    std::erase_if(entries_, [](const auto& item) { return item.second.erased; });
  }
}

}  // namespace fluxo::runtime
