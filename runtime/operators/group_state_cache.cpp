#include "runtime/operators/group_state_cache.h"

#include <cstring>
#include <utility>

namespace fluxo::runtime {

GroupStateCache::GroupStateCache(const AggregationCore& core, state::KeyValueStore& store)
    : core_(core), key_value_store_(&store) {}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::WindowStore& store)
    : core_(core), window_store_(&store) {}

const std::string& GroupStateCache::CacheKey(const std::string& key,
                                             const std::optional<WindowBounds>& window) {
  scratch_key_.assign(key);
  if (window.has_value()) {
    char bounds[2 * sizeof(int64_t)];
    std::memcpy(bounds, &window->start, sizeof(int64_t));
    std::memcpy(bounds + sizeof(int64_t), &window->end, sizeof(int64_t));
    scratch_key_.append(bounds, sizeof(bounds));
  }
  return scratch_key_;
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

GroupStateCache::Entry* GroupStateCache::FindEntry(const std::string& key,
                                                   const std::optional<WindowBounds>& window) {
  const std::string& cache_key = CacheKey(key, window);
  auto found = entries_.find(cache_key);
  if (found == entries_.end()) {
    std::optional<GroupState> loaded = Load(key, window);
    if (!loaded.has_value()) {
      return nullptr;
    }
    found = entries_.emplace(cache_key, Entry{key, window, std::move(*loaded), false, false, false})
                .first;
  }
  return &found->second;
}

GroupState* GroupStateCache::Find(const std::string& key,
                                  const std::optional<WindowBounds>& window) {
  Entry* entry = FindEntry(key, window);
  return entry == nullptr || entry->erased ? nullptr : &entry->state;
}

GroupState& GroupStateCache::FindOrCreate(const std::string& key,
                                          const std::optional<WindowBounds>& window) {
  if (GroupState* state = Find(key, window)) {
    return *state;
  }
  Entry& entry = entries_[CacheKey(key, window)];
  entry = Entry{key, window, core_.Initial(), true, false, false};
  return entry.state;
}

GroupStateCache::Update GroupStateCache::FindForUpdate(const std::string& key,
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
    // FindEntry left the cache key in scratch_key_.
    entry = &entries_.emplace(scratch_key_, Entry{}).first->second;
  }
  *entry = Entry{key, window, core_.Initial(), true, false, false};
  return {&entry->state, true};
}

void GroupStateCache::MarkDirty(const std::string& key, const std::optional<WindowBounds>& window) {
  auto found = entries_.find(CacheKey(key, window));
  if (found != entries_.end()) {
    found->second.dirty = true;
  }
}

void GroupStateCache::Erase(const std::string& key, const std::optional<WindowBounds>& window) {
  Entry& entry = entries_[CacheKey(key, window)];
  entry.key = key;
  entry.window = window;
  entry.erased = true;
  entry.dirty = true;
}

void GroupStateCache::Flush() {
  for (auto& [cache_key, entry] : entries_) {
    entry.recent = entry.dirty;
    if (!entry.dirty) {
      continue;
    }
    if (window_store_ != nullptr) {
      const state::WindowKey window_key{entry.key, entry.window->start, entry.window->end, 0};
      if (entry.erased) {
        window_store_->Delete(window_key);
      } else {
        window_store_->Put(window_key, core_.EncodeState(entry.state));
      }
    } else if (entry.erased) {
      key_value_store_->Delete(entry.key);
    } else {
      key_value_store_->Put(entry.key, core_.EncodeState(entry.state));
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
