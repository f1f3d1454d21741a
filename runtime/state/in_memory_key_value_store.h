#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/state/key_value_store.h"
#include "runtime/state/string_hash.h"

namespace fluxo::state {

/// A KeyValueStore in memory: nothing is persisted. For tests and for queries whose state need
/// not survive a restart. The entries live in a hash map, so that Get and a Put that replaces a
/// value cost one hash lookup; an ordered index of their keys (views into the map's nodes,
/// which never move) serves Scan. The index is brought up to date by the next Scan: a new key
/// only joins a list of unindexed entries, so that a store written per record and scanned
/// rarely (a table's pull-query rows, a join's table side) pays for no ordered insert per write.
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
  /// A stored value, and where its key waits in unindexed_ (kIndexed: in ordered_keys_).
  struct Stored {
    std::string value;
    size_t unindexed_at = 0;
  };

  using Entries = std::unordered_map<std::string, Stored, StringHash, std::equal_to<>>;

  static constexpr size_t kIndexed = static_cast<size_t>(-1);

  /// Moves the keys of unindexed_ into ordered_keys_.
  void IndexNewKeys();

  std::string name_;
  Entries entries_;
  std::set<std::string_view> ordered_keys_;      ///< Keys of entries_ in byte order, but for:
  std::vector<Entries::value_type*> unindexed_;  ///< Entries added since the last Scan.
};

}  // namespace fluxo::state
