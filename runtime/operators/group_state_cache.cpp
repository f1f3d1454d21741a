#include "runtime/operators/group_state_cache.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/string_hash.h"

namespace fluxo::runtime {

namespace {

constexpr size_t kMinSlots = 16;

}  // namespace

HashedGroupKey::HashedGroupKey(const std::string& encoded)
    : bytes(encoded), hash(std::hash<std::string_view>{}(encoded)) {}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::KeyValueStore& store)
    : core_(core), key_value_store_(&store) {
  RebuildIndex(kMinSlots);
}

GroupStateCache::GroupStateCache(const AggregationCore& core, state::WindowStore& store)
    : core_(core), window_store_(&store) {
  RebuildIndex(kMinSlots);
}

size_t GroupStateCache::GroupHash(size_t key_hash, const std::optional<WindowBounds>& window) {
  // Windows of one key differ in their start (and a session's end). The multiplication
  // spreads every bit into the high ones, which pick the slot.
  const size_t mixed = window.has_value() ? state::MixIntoHash(key_hash,
                                                               static_cast<uint64_t>(window->start),
                                                               static_cast<uint64_t>(window->end))
                                          : key_hash;
  return mixed * 0x9E3779B97F4A7C15ULL;
}

GroupStateCache::Entry* GroupStateCache::Lookup(std::string_view key,
                                                const std::optional<WindowBounds>& window,
                                                size_t key_hash) {
  const size_t hash = GroupHash(key_hash, window);
  const auto tag = static_cast<uint32_t>(hash);
  const size_t mask = slots_.size() - 1;
  for (size_t position = hash >> slot_shift_;; position = (position + 1) & mask) {
    const Slot slot = slots_[position];
    if (slot.entry == kEmptySlot) {
      return nullptr;
    }
    if (slot.tag == tag) {
      Entry& entry = At(slot.entry);
      if (entry.key_hash == key_hash && entry.window == window && entry.bytes == key) {
        return &entry;
      }
    }
  }
}

void GroupStateCache::IndexEntry(uint32_t number) {
  const Entry& entry = At(number);
  const size_t hash = GroupHash(entry.key_hash, entry.window);
  const size_t mask = slots_.size() - 1;
  size_t position = hash >> slot_shift_;
  while (slots_[position].entry != kEmptySlot) {
    position = (position + 1) & mask;
  }
  slots_[position] = Slot{static_cast<uint32_t>(hash), number};
}

void GroupStateCache::RebuildIndex(size_t capacity) {
  // At most 7 groups in 10 slots, so that a probe ends soon at an empty slot.
  size_t slots = std::bit_ceil(std::max({capacity, kMinSlots, live_ * 10 / 7 + 1}));
  slots_.assign(slots, Slot{});
  slot_shift_ = 64 - static_cast<unsigned>(std::countr_zero(slots));
  for (size_t number = 0; number < used_; ++number) {
    if (At(static_cast<uint32_t>(number)).live) {
      IndexEntry(static_cast<uint32_t>(number));
    }
  }
}

GroupStateCache::Entry& GroupStateCache::Insert(std::string_view key,
                                                const std::optional<WindowBounds>& window,
                                                size_t key_hash,
                                                std::optional<GroupState> state) {
  if ((live_ + 1) * 10 > slots_.size() * 7) {
    RebuildIndex(slots_.size() * 2);
  }
  uint32_t number = 0;
  if (!free_.empty()) {
    number = free_.back();
    free_.pop_back();
  } else {
    FLUXO_CHECK(used_ < kEmptySlot, "too many cached groups");
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
  IndexEntry(number);
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
    RebuildIndex(kMinSlots);
    return;
  }
  freed += FreeEntries([](const Entry& entry) { return entry.erased; });
  if (freed > 0) {
    RebuildIndex(live_ * 2);
  }
}

}  // namespace fluxo::runtime
