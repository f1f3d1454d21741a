#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/state/key_value_store.h"
#include "runtime/state/string_hash.h"

namespace fluxo::state {

/// A KeyValueStore in memory: nothing is persisted. For tests and for queries whose state need
/// not survive a restart. The entries live in a hash map, so that Get and a Put that replaces a
/// value cost one hash lookup; an ordered index of their keys (views into the map's nodes,
/// which never move) serves Scan and changes only when a key comes or goes.
class InMemoryKeyValueStore final : public KeyValueStore {
 public:
  explicit InMemoryKeyValueStore(std::string name) : name_(std::move(name)) {}

  const std::string& name() const override { return name_; }

  std::optional<std::string_view> Get(std::string_view key) override;

  void Put(std::string_view key, std::string_view value) override;

  void Delete(std::string_view key) override;

  void Scan(const KeyRange& range, const KeyValueVisitor& visitor) override;

  uint64_t ApproximateNumEntries() override { return entries_.size(); }

 private:
  using Entries = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

  std::string name_;
  Entries entries_;
  std::set<std::string_view> ordered_keys_;  ///< The keys of entries_, in byte order.
};

}  // namespace fluxo::state
