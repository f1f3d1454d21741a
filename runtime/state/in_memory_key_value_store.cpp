#include "runtime/state/in_memory_key_value_store.h"

namespace fluxo::state {

std::optional<std::string_view> InMemoryKeyValueStore::Get(std::string_view key) {
  const auto found = entries_.find(key);
  if (found == entries_.end()) {
    return std::nullopt;
  }
  return found->second;
}

void InMemoryKeyValueStore::Put(std::string_view key, std::string_view value) {
  const auto found = entries_.find(key);
  if (found != entries_.end()) {
    found->second.assign(value);
  } else {
    entries_.emplace(key, value);
  }
}

void InMemoryKeyValueStore::Delete(std::string_view key) {
  const auto found = entries_.find(key);
  if (found != entries_.end()) {
    entries_.erase(found);
  }
}

void InMemoryKeyValueStore::Scan(const KeyRange& range, const KeyValueVisitor& visitor) {
  for (auto entry = entries_.lower_bound(range.begin);
       entry != entries_.end() && !range.IsAfterEnd(entry->first);
       ++entry) {
    if (!visitor(entry->first, entry->second)) {
      return;
    }
  }
}

}  // namespace fluxo::state
