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
    return;
  }
  const auto added = entries_.emplace(key, value).first;
  ordered_keys_.insert(added->first);
}

void InMemoryKeyValueStore::Delete(std::string_view key) {
  const auto found = entries_.find(key);
  if (found != entries_.end()) {
    ordered_keys_.erase(found->first);
    entries_.erase(found);
  }
}

void InMemoryKeyValueStore::Scan(const KeyRange& range, const KeyValueVisitor& visitor) {
  for (auto key = ordered_keys_.lower_bound(range.begin);
       key != ordered_keys_.end() && !range.IsAfterEnd(*key);
       ++key) {
    if (!visitor(*key, entries_.find(*key)->second)) {
      return;
    }
  }
}

}  // namespace fluxo::state
