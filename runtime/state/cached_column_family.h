#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/state/flush_listener.h"
#include "runtime/state/key_value_store.h"
#include "runtime/state/write_back_cache.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace fluxo::state {

/// One RocksDB column family behind a WriteBackCache: the building block of the RocksDB
/// stores. Reads look in the cache first; writes, deletes and DeleteBelow only change the
/// cache until the owning RocksDbStateInstance commits them with AppendToBatch and
/// MarkFlushed. So nothing touches RocksDB per record except a read of a key that is not
/// cached. Reads and scans see the uncommitted writes merged with the committed content.
class CachedColumnFamily {
 public:
  /// Wraps `family` of `db` (both must outlive this) with a cache charging `budget`;
  /// `keep_flushed` as in WriteBackCache.
  CachedColumnFamily(rocksdb::DB& db,
                     rocksdb::ColumnFamilyHandle& family,
                     CacheBudget& budget,
                     bool keep_flushed);

  /// Returns the value of `key`, or nothing; the view is valid until the next call.
  std::optional<std::string_view> Get(std::string_view key);

  /// Says whether `key` is cached with a value, without reading RocksDB.
  bool HasCachedValue(std::string_view key) const { return cache_.HasValue(key); }

  void Put(std::string_view key, std::string_view value) { cache_.Write(key, value); }

  void Delete(std::string_view key) { cache_.Write(key, std::nullopt); }

  /// Visits the entries in `range` in key order, uncommitted writes included.
  void Scan(const KeyRange& range, const KeyValueVisitor& visitor);

  /// Visits the committed entries in `range`, ignoring the cache.
  void ScanCommitted(const KeyRange& range, const KeyValueVisitor& visitor);

  /// Deletes every key below `bound`: from the cache now, from RocksDB at the next commit
  /// with one range delete. Writes made after this call are kept.
  void DeleteBelow(std::string_view bound);

  /// Drops the uncommitted writes whose keys satisfy `predicate`.
  void DropUncommittedIf(const std::function<bool(std::string_view key)>& predicate) {
    cache_.DropDirtyIf(predicate);
  }

  /// Adds the pending range delete and then every uncommitted write to `batch`, reporting
  /// each write to `listener` (when not null) under `store_name`.
  void AppendToBatch(rocksdb::WriteBatch& batch,
                     FlushListener* listener,
                     std::string_view store_name) const;

  /// Records that the batch of AppendToBatch was written.
  void MarkFlushed();

  /// Returns RocksDB's estimate of the committed keys plus the uncommitted values.
  uint64_t ApproximateNumEntries();

  /// Returns the bytes of uncommitted writes in the cache.
  size_t dirty_bytes() const { return cache_.dirty_bytes(); }

  rocksdb::ColumnFamilyHandle& family() const { return family_; }

 private:
  rocksdb::DB& db_;
  rocksdb::ColumnFamilyHandle& family_;
  WriteBackCache cache_;
  std::optional<std::string> delete_below_;  // The pending range delete ["", bound).
};

}  // namespace fluxo::state
