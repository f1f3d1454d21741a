#include "runtime/state/in_memory_state_instance.h"

#include "runtime/core/error.h"
#include "runtime/state/store_name.h"

namespace fluxo::state {

namespace {

// Finds or creates the store called `name` in `stores`, after checking that `other_kind`
// has no store of that name.
template <typename Store, typename Stores, typename OtherStores>
Store& FindOrCreate(std::string_view name, Stores& stores, const OtherStores& other_kind) {
  const auto found = stores.find(name);
  if (found != stores.end()) {
    return *found->second;
  }
  ValidateStoreName(name);
  if (other_kind.contains(name)) {
    throw Error(ErrorKind::kInternal,
                "State store " + std::string(name) + " exists with another kind of store");
  }
  auto store = std::make_unique<Store>(std::string(name));
  Store& result = *store;
  stores.emplace(std::string(name), std::move(store));
  return result;
}

}  // namespace

KeyValueStore& InMemoryStateInstance::GetKeyValueStore(std::string_view name) {
  return FindOrCreate<InMemoryKeyValueStore>(name, key_value_stores_, window_stores_);
}

WindowStore& InMemoryStateInstance::GetWindowStore(std::string_view name) {
  return FindOrCreate<InMemoryWindowStore>(name, window_stores_, key_value_stores_);
}

std::vector<StoreListing> InMemoryStateInstance::ListStores() const {
  std::vector<StoreListing> stores;
  for (const auto& [name, store] : key_value_stores_) {
    stores.push_back({name, false});
  }
  for (const auto& [name, store] : window_stores_) {
    stores.push_back({name, true});
  }
  return stores;
}

void InMemoryStateInstance::Flush(const MetadataEntries& metadata) {
  for (const auto& [key, value] : metadata) {
    metadata_.insert_or_assign(key, value);
  }
}

std::optional<std::string> InMemoryStateInstance::ReadMetadata(std::string_view key) {
  const auto found = metadata_.find(key);
  if (found == metadata_.end()) {
    return std::nullopt;
  }
  return found->second;
}

}  // namespace fluxo::state
