#include "runtime/state/write_back_cache.h"

#include "runtime/core/error.h"

namespace fluxo::state {

namespace {

// What one entry costs beyond its key and value bytes: the map node and the LRU list node.
constexpr size_t kEntryOverhead = 96;

void AssignValue(WriteBackCache::CachedValue& target, std::optional<std::string_view> value) {
  if (!value.has_value()) {
    target.reset();
  } else if (target.has_value()) {
    target->assign(*value);  // Reuses the string's buffer.
  } else {
    target.emplace(*value);
  }
}

}  // namespace

WriteBackCache::WriteBackCache(CacheBudget& budget, bool keep_flushed)
    : budget_(budget), keep_flushed_(keep_flushed) {}

WriteBackCache::~WriteBackCache() {
  budget_.used_bytes -= dirty_bytes_ + clean_bytes_;
}

size_t WriteBackCache::EntryBytes(std::string_view key, const CachedValue& value) {
  return key.size() + (value.has_value() ? value->size() : 0) + kEntryOverhead;
}

void WriteBackCache::Charge(size_t bytes, bool dirty) {
  budget_.used_bytes += bytes;
  (dirty ? dirty_bytes_ : clean_bytes_) += bytes;
}

void WriteBackCache::Release(size_t bytes, bool dirty) {
  budget_.used_bytes -= bytes;
  (dirty ? dirty_bytes_ : clean_bytes_) -= bytes;
}

const WriteBackCache::CachedValue* WriteBackCache::Find(std::string_view key) {
  const auto dirty = dirty_.find(key);
  if (dirty != dirty_.end()) {
    return &dirty->second.value;
  }
  const auto clean = clean_.find(key);
  if (clean == clean_.end()) {
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, clean->second.lru);
  return &clean->second.value;
}

bool WriteBackCache::HasValue(std::string_view key) const {
  const auto dirty = dirty_.find(key);
  if (dirty != dirty_.end()) {
    return dirty->second.value.has_value();
  }
  return clean_.contains(key);
}

const std::string& WriteBackCache::InsertClean(std::string_view key, std::string_view value) {
  FLUXO_CHECK(!dirty_.contains(key) && !clean_.contains(key), "a key is cached at most once");
  const auto entry = clean_.emplace(std::string(key), Entry{std::string(value), {}}).first;
  lru_.push_front(&entry->first);
  entry->second.lru = lru_.begin();
  Charge(EntryBytes(key, entry->second.value), false);
  EvictOverBudget(&entry->first);
  return *entry->second.value;
}

void WriteBackCache::Write(std::string_view key, std::optional<std::string_view> value) {
  auto entry = dirty_.find(key);
  if (entry != dirty_.end()) {
    Release(EntryBytes(key, entry->second.value), true);
    dirty_values_ -= entry->second.value.has_value() ? 1 : 0;
  } else if (const auto clean = clean_.find(key); clean != clean_.end()) {
    // The key moves from the clean map to the dirty one without reallocating its node.
    Release(EntryBytes(key, clean->second.value), false);
    lru_.erase(clean->second.lru);
    entry = dirty_.insert(clean_.extract(clean)).position;
  } else {
    entry = dirty_.emplace(std::string(key), Entry{}).first;
  }
  AssignValue(entry->second.value, value);
  dirty_values_ += value.has_value() ? 1 : 0;
  Charge(EntryBytes(key, entry->second.value), true);
  EvictOverBudget(nullptr);
}

void WriteBackCache::EraseClean(Entries::iterator entry) {
  Release(EntryBytes(entry->first, entry->second.value), false);
  lru_.erase(entry->second.lru);
  clean_.erase(entry);
}

void WriteBackCache::EraseDirty(Entries::iterator entry) {
  Release(EntryBytes(entry->first, entry->second.value), true);
  dirty_values_ -= entry->second.value.has_value() ? 1 : 0;
  dirty_.erase(entry);
}

void WriteBackCache::DropBelow(std::string_view bound) {
  while (!dirty_.empty() && std::string_view(dirty_.begin()->first) < bound) {
    EraseDirty(dirty_.begin());
  }
  while (!clean_.empty() && std::string_view(clean_.begin()->first) < bound) {
    EraseClean(clean_.begin());
  }
}

void WriteBackCache::DropDirtyIf(const std::function<bool(std::string_view key)>& predicate) {
  for (auto entry = dirty_.begin(); entry != dirty_.end();) {
    const auto next = std::next(entry);
    if (predicate(entry->first)) {
      EraseDirty(entry);
    }
    entry = next;
  }
}

void WriteBackCache::MarkFlushed() {
  while (!dirty_.empty()) {
    const auto entry = dirty_.begin();
    if (!keep_flushed_ || !entry->second.value.has_value()) {
      EraseDirty(entry);
      continue;
    }
    const size_t bytes = EntryBytes(entry->first, entry->second.value);
    Release(bytes, true);
    const auto clean = clean_.insert(dirty_.extract(entry)).position;
    lru_.push_front(&clean->first);
    clean->second.lru = lru_.begin();
    Charge(bytes, false);
  }
  dirty_values_ = 0;
  EvictOverBudget(nullptr);
}

void WriteBackCache::EvictOverBudget(const std::string* keep) {
  while (budget_.IsOver() && !lru_.empty() && lru_.back() != keep) {
    EraseClean(clean_.find(*lru_.back()));
  }
}

}  // namespace fluxo::state
