#pragma once

#include <optional>
#include <string>

#include "runtime/state/cached_column_family.h"
#include "runtime/state/window_store.h"

namespace fluxo::state {

/// A WindowStore in two column families of a task's RocksDB database, behind the instance's
/// write-back cache (layouts in window_key_layout.h):
///  * `<name>` holds the entries under time-first keys, so ExpireBefore is one range delete
///    and FetchAll one range scan;
///  * `<name>#by-key` indexes them under key-first keys with empty values, for FetchKey.
/// The index is kept in step with the entries in the same commit: a put adds an index entry
/// (skipped when the window is cached already, so updating an aggregate does not rewrite it)
/// and a delete removes it. Expiry cannot range-delete the key-first index, so the commit
/// after ExpireBefore reads the committed entries below the bound (RocksDB skips those that
/// earlier range deletes dropped) and deletes their index entries one by one, in the same
/// batch. FetchKey skips index entries whose window is no longer there.
///
/// Costs: Get, Put and Delete touch only the cache unless Get misses it. FetchKey and FetchAll
/// open a RocksDB iterator per call (merged with the uncommitted writes), and FetchKey reads
/// each window it finds through the cache.
class RocksDbWindowStore final : public WindowStore {
 public:
  /// Makes the store `name` over the column families `entries` and `index` of `db`, which
  /// must outlive it, as must `budget`.
  RocksDbWindowStore(std::string name,
                     rocksdb::DB& db,
                     rocksdb::ColumnFamilyHandle& entries,
                     rocksdb::ColumnFamilyHandle& index,
                     CacheBudget& budget);

  /// Returns the name of the index column family of the window store `name`.
  static std::string IndexFamilyName(std::string_view name);

  const std::string& name() const override { return name_; }

  std::optional<std::string_view> Get(const WindowKey& window) override;

  void Put(const WindowKey& window, std::string_view value) override;

  void Delete(const WindowKey& window) override;

  void FetchKey(std::string_view key,
                int64_t from_ms,
                int64_t to_ms,
                const WindowVisitor& visitor) override;

  void FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) override;

  void ExpireBefore(int64_t start_ms) override;

  uint64_t ApproximateNumEntries() override { return entries_.ApproximateNumEntries(); }

  /// Adds the uncommitted changes to `batch`: index deletes for expired windows, the range
  /// delete and writes of the entries (reported to `listener`), then the index writes.
  void AppendToBatch(rocksdb::WriteBatch& batch, FlushListener* listener);

  /// Records that the batch was written.
  void MarkFlushed();

  /// Returns the bytes of uncommitted writes.
  size_t dirty_bytes() const { return entries_.dirty_bytes() + index_.dirty_bytes(); }

 private:
  const std::string& TimeKey(const WindowKey& window, std::string& buffer);

  const std::string& IndexKey(const WindowKey& window);

  std::string name_;
  CachedColumnFamily entries_;
  CachedColumnFamily index_;
  std::optional<int64_t> expire_before_;  // The pending expiry, if any.
  std::string time_key_;                  // Reused encoding buffers.
  std::string fetch_time_key_;
  std::string index_key_;
};

}  // namespace fluxo::state
