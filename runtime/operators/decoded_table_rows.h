#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/flat_hash_index.h"
#include "runtime/core/value.h"

namespace fluxo::runtime {

/// The decoded rows of a stream-table join's table, by encoded key, in front of its store
/// (read-through and write-through: the store holds every row, this at most `max_rows`, then
/// starts over empty). A stream row looks its table row up here instead of decoding it from
/// the store. Rows live in one list and are found through a FlatHashIndex, so a lookup reads
/// one index slot and one entry. A returned row stays valid until the next Put or Erase.
class DecodedTableRows {
 public:
  explicit DecodedTableRows(size_t max_rows) : max_rows_(max_rows) {}

  /// Returns the row of `key` (whose hash is `hash`), or nullptr when not cached.
  const ValueList* Find(std::string_view key, size_t hash) const;

  /// Caches `values` as the row of `key`, replacing any; returns the cached row.
  const ValueList& Put(std::string_view key, size_t hash, ValueList values);

  /// Forgets the row of `key`, if cached.
  void Erase(std::string_view key, size_t hash);

  size_t size() const { return index_.size(); }

  /// Hints, in three steps a few rows apart, that the row of `hash` is looked up soon: its
  /// index slot, then its entry (the slot must have arrived), then its values (the entry must
  /// have arrived) are fetched into the CPU cache, so that lookups of a batch of rows overlap
  /// their memory reads instead of waiting for each in turn.
  void PrefetchSlot(size_t hash) const { index_.Prefetch(hash); }

  void PrefetchEntry(size_t hash) const;
  void PrefetchValues(size_t hash) const;

 private:
  struct Entry {
    std::string key;
    ValueList values;
  };

  uint32_t FindEntry(std::string_view key, size_t hash) const;

  size_t max_rows_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> free_;  ///< Entries of erased rows, for the next new ones.
  FlatHashIndex index_;
};

}  // namespace fluxo::runtime
