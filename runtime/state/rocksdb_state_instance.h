#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "runtime/state/rocksdb_key_value_store.h"
#include "runtime/state/rocksdb_window_store.h"
#include "runtime/state/state_instance.h"

namespace fluxo::state {

/// How a task's RocksDB state is kept.
struct RocksDbStateOptions {
  /// The database directory, created when missing; one per task.
  std::string directory;
  /// Whether commits go through RocksDB's write-ahead log. Without it a commit lives in
  /// memtables until RocksDB flushes them (always on a clean close; all column families
  /// together, since atomic_flush is on), so a crash rolls the state back to an earlier
  /// commit, consistently with the metadata (offsets) committed with it.
  bool write_ahead_log = true;
  /// The bytes that the write-back caches of all the stores may hold together. Uncommitted
  /// writes are never evicted and may exceed it until the next Flush.
  size_t cache_capacity_bytes = size_t{16} << 20;
};

/// The state of one task in one RocksDB database: a column family per key-value store, two
/// per window store (RocksDbWindowStore) and `fluxo#metadata` for the metadata committed with
/// the state. Column families are created on first use and found again on reopen, since
/// store names come from the plan.
///
/// Writes stay in the write-back caches until Flush writes all of them, for every store, with
/// the metadata, in one rocksdb::WriteBatch: a commit is all or nothing. Closing without a
/// Flush (or crashing) loses the writes since the last Flush; reopening sees the last commit.
class RocksDbStateInstance final : public StateInstance {
 public:
  /// Opens the database in `options.directory`, creating it when missing. Throws
  /// fluxo::Error (kIo) when RocksDB refuses, for instance when another instance has it open.
  explicit RocksDbStateInstance(RocksDbStateOptions options);

  /// Closes the database if still open, dropping uncommitted writes; logs a failure.
  ~RocksDbStateInstance() override;

  RocksDbStateInstance(const RocksDbStateInstance&) = delete;
  RocksDbStateInstance& operator=(const RocksDbStateInstance&) = delete;

  KeyValueStore& GetKeyValueStore(std::string_view name) override;

  WindowStore& GetWindowStore(std::string_view name) override;

  std::vector<StoreListing> ListStores() const override;

  void Flush(const MetadataEntries& metadata) override;

  using StateInstance::Flush;

  std::optional<std::string> ReadMetadata(std::string_view key) override;

  void SetFlushListener(FlushListener* listener) override { listener_ = listener; }

  /// Returns the bytes of uncommitted writes in all the stores' caches: a task commits early
  /// when they grow past its budget.
  size_t DirtyBytes() const;

  /// Drops the uncommitted writes and closes the database; the stores and the instance are
  /// unusable afterwards. Throws fluxo::Error (kIo) when RocksDB fails to close.
  void Close();

 private:
  // Returns the column family `name`, creating it when missing.
  rocksdb::ColumnFamilyHandle& Family(const std::string& name);

  // Throws unless the database is open.
  rocksdb::DB& Database() const;

  RocksDbStateOptions options_;
  CacheBudget budget_;
  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> families_;
  std::map<std::string, std::unique_ptr<RocksDbKeyValueStore>, std::less<>> key_value_stores_;
  std::map<std::string, std::unique_ptr<RocksDbWindowStore>, std::less<>> window_stores_;
  FlushListener* listener_ = nullptr;
};

}  // namespace fluxo::state
