#pragma once

#include <string>

#include "runtime/state/cached_column_family.h"
#include "runtime/state/key_value_store.h"

namespace fluxo::state {

/// A KeyValueStore in one column family of a task's RocksDB database (named after the store),
/// behind the instance's write-back cache. Writes become durable when the owning
/// RocksDbStateInstance flushes; the stored keys and values are the caller's bytes unchanged.
class RocksDbKeyValueStore final : public KeyValueStore {
 public:
  /// Makes the store `name` over `family` of `db`; all three arguments after the name must
  /// outlive it.
  RocksDbKeyValueStore(std::string name,
                       rocksdb::DB& db,
                       rocksdb::ColumnFamilyHandle& family,
                       CacheBudget& budget)
      : name_(std::move(name)), entries_(db, family, budget, /*keep_flushed=*/true) {}

  const std::string& name() const override { return name_; }

  std::optional<std::string_view> Get(std::string_view key) override { return entries_.Get(key); }

  void Put(std::string_view key, std::string_view value) override { entries_.Put(key, value); }

  void Delete(std::string_view key) override { entries_.Delete(key); }

  void Scan(const KeyRange& range, const KeyValueVisitor& visitor) override {
    entries_.Scan(range, visitor);
  }

  uint64_t ApproximateNumEntries() override { return entries_.ApproximateNumEntries(); }

  /// Adds the uncommitted writes to `batch` (see CachedColumnFamily::AppendToBatch).
  void AppendToBatch(rocksdb::WriteBatch& batch, FlushListener* listener) const {
    entries_.AppendToBatch(batch, listener, name_);
  }

  /// Records that the batch was written.
  void MarkFlushed() { entries_.MarkFlushed(); }

  /// Returns the bytes of uncommitted writes.
  size_t dirty_bytes() const { return entries_.dirty_bytes(); }

 private:
  std::string name_;
  CachedColumnFamily entries_;
};

}  // namespace fluxo::state
