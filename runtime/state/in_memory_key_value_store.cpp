#include "runtime/state/in_memory_key_value_store.h"

namespace fluxo::state {

std::optional<std::string_view> InMemoryKeyValueStore::Get(std::string_view key) {
  const auto found = entries_.find(key);
  if (found == entries_.end()) {
    return std::nullopt;
  }
  return found->second.value;
}

void InMemoryKeyValueStore::Put(std::string_view key, std::string_view value) {
  const auto found = entries_.find(key);
  if (found != entries_.end()) {
    found->second.value.assign(value);
    return;
  }
  const auto added = entries_.emplace(key, Stored{std::string(value), unindexed_.size()}).first;
  unindexed_.push_back(&*added);
}

void InMemoryKeyValueStore::Delete(std::string_view key) {
  const auto found = entries_.find(key);
  if (found == entries_.end()) {
    return;
  }
  const size_t at = found->second.unindexed_at;
  if (at == kIndexed) {
    ordered_keys_.erase(found->first);
  } else {
    // Swap-remove from the unindexed list, telling the moved entry its new place.
    unindexed_[at] = unindexed_.back();
    unindexed_[at]->second.unindexed_at = at;
    unindexed_.pop_back();
  }
  entries_.erase(found);
}

void InMemoryKeyValueStore::IndexNewKeys() {
  for (Entries::value_type* entry : unindexed_) {
    ordered_keys_.insert(entry->first);
    entry->second.unindexed_at = kIndexed;
  }
  unindexed_.clear();
}

void InMemoryKeyValueStore::Scan(const KeyRange& range, const KeyValueVisitor& visitor) {
  IndexNewKeys();
  for (auto key = ordered_keys_.lower_bound(range.begin);
       key != ordered_keys_.end() && !range.IsAfterEnd(*key);
       ++key) {
    if (!visitor(*key, entries_.find(*key)->second.value)) {
      return;
    }
  }
}

}  // namespace fluxo::state
