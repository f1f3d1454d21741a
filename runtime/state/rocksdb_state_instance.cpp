#include "runtime/state/rocksdb_state_instance.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "runtime/core/error.h"
#include "runtime/core/log.h"
#include "runtime/state/rocksdb_error.h"
#include "runtime/state/store_name.h"

namespace fluxo::state {

namespace {

constexpr std::string_view kMetadataFamily = "fluxo#metadata";
constexpr int kBloomBitsPerKey = 10;

rocksdb::DBOptions MakeDatabaseOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // Without the WAL, memtables of all column families must reach disk together, or a crash
  // could keep one store's commit and lose another's.
  options.atomic_flush = true;
  return options;
}

rocksdb::ColumnFamilyOptions MakeFamilyOptions() {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  // Gets of keys that were never stored (a new group) mostly stop at the bloom filter.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

// Returns the column families of the database in `directory`; just the default one when
// there is no database yet.
std::vector<std::string> ExistingFamilies(const std::string& directory) {
  std::vector<std::string> names;
  const rocksdb::Status status =
      rocksdb::DB::ListColumnFamilies(MakeDatabaseOptions(), directory, &names);
  if (!status.ok() || names.empty()) {
    names = {rocksdb::kDefaultColumnFamilyName};
  }
  return names;
}

[[noreturn]] void ThrowKindMismatch(std::string_view name, std::string_view wanted) {
  throw Error(ErrorKind::kInternal,
              "State store " + std::string(name) + " exists, but not as a " + std::string(wanted) +
                  " store");
}

}  // namespace

RocksDbStateInstance::RocksDbStateInstance(RocksDbStateOptions options)
    : options_(std::move(options)), budget_{options_.cache_capacity_bytes, 0} {
  std::error_code error;
  std::filesystem::create_directories(options_.directory, error);
  if (error) {
    throw Error(ErrorKind::kIo,
                "Cannot create the state directory " + options_.directory + ": " + error.message());
  }
  std::vector<std::string> names = ExistingFamilies(options_.directory);
  if (std::find(names.begin(), names.end(), kMetadataFamily) == names.end()) {
    names.emplace_back(kMetadataFamily);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(names.size());
  for (const std::string& name : names) {
    descriptors.emplace_back(name, MakeFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ThrowIfFailed(
      rocksdb::DB::Open(MakeDatabaseOptions(), options_.directory, descriptors, &handles, &db),
      "Opening the state database in " + options_.directory);
  db_.reset(db);
  for (size_t i = 0; i < names.size(); ++i) {
    families_.emplace(names[i], handles[i]);
  }
}

RocksDbStateInstance::~RocksDbStateInstance() {
  try {
    Close();
  } catch (const Error& error) {
    LogLine(LogLevel::kError, error.message());
  }
}

void RocksDbStateInstance::Close() {
  if (db_ == nullptr) {
    return;
  }
  key_value_stores_.clear();
  window_stores_.clear();
  rocksdb::Status status;
  for (auto& [name, handle] : families_) {
    const rocksdb::Status destroyed = db_->DestroyColumnFamilyHandle(handle);
    if (status.ok()) {
      status = destroyed;
    }
  }
  families_.clear();
  const rocksdb::Status closed = db_->Close();
  db_.reset();
  ThrowIfFailed(status.ok() ? closed : status,
                "Closing the state database in " + options_.directory);
}

rocksdb::DB& RocksDbStateInstance::Database() const {
  FLUXO_CHECK(db_ != nullptr, "the state database is open");
  return *db_;
}

rocksdb::ColumnFamilyHandle& RocksDbStateInstance::Family(const std::string& name) {
  const auto found = families_.find(name);
  if (found != families_.end()) {
    return *found->second;
  }
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  ThrowIfFailed(Database().CreateColumnFamily(MakeFamilyOptions(), name, &handle),
                "Creating the column family of state store " + name);
  families_.emplace(name, handle);
  return *handle;
}

KeyValueStore& RocksDbStateInstance::GetKeyValueStore(std::string_view name) {
  if (const auto found = key_value_stores_.find(name); found != key_value_stores_.end()) {
    return *found->second;
  }
  ValidateStoreName(name);
  const std::string family_name(name);
  if (window_stores_.contains(name) ||
      families_.contains(RocksDbWindowStore::IndexFamilyName(name))) {
    ThrowKindMismatch(name, "key-value");
  }
  auto store =
      std::make_unique<RocksDbKeyValueStore>(family_name, Database(), Family(family_name), budget_);
  return *key_value_stores_.emplace(family_name, std::move(store)).first->second;
}

WindowStore& RocksDbStateInstance::GetWindowStore(std::string_view name) {
  if (const auto found = window_stores_.find(name); found != window_stores_.end()) {
    return *found->second;
  }
  ValidateStoreName(name);
  const std::string family_name(name);
  const std::string index_name = RocksDbWindowStore::IndexFamilyName(name);
  if (key_value_stores_.contains(name) ||
      (families_.contains(name) && !families_.contains(index_name))) {
    ThrowKindMismatch(name, "window");
  }
  auto store = std::make_unique<RocksDbWindowStore>(
      family_name, Database(), Family(family_name), Family(index_name), budget_);
  return *window_stores_.emplace(family_name, std::move(store)).first->second;
}

std::vector<StoreListing> RocksDbStateInstance::ListStores() const {
  std::vector<StoreListing> stores;
  for (const auto& [name, store] : key_value_stores_) {
    stores.push_back({name, false});
  }
  for (const auto& [name, store] : window_stores_) {
    stores.push_back({name, true});
  }
  return stores;
}

void RocksDbStateInstance::Flush(const MetadataEntries& metadata) {
  rocksdb::DB& db = Database();
  rocksdb::WriteBatch batch;
  for (const auto& [name, store] : key_value_stores_) {
    store->AppendToBatch(batch, listener_);
  }
  for (const auto& [name, store] : window_stores_) {
    store->AppendToBatch(batch, listener_);
  }
  rocksdb::ColumnFamilyHandle& metadata_family = Family(std::string(kMetadataFamily));
  for (const auto& [key, value] : metadata) {
    ThrowIfFailed(batch.Put(&metadata_family, key, value), "Adding metadata to the state commit");
  }
  if (listener_ != nullptr) {
    listener_->OnCommitBuilt(metadata);
  }
  rocksdb::WriteOptions write_options;
  write_options.disableWAL = !options_.write_ahead_log;
  ThrowIfFailed(db.Write(write_options, &batch), "Committing state");
  for (const auto& [name, store] : key_value_stores_) {
    store->MarkFlushed();
  }
  for (const auto& [name, store] : window_stores_) {
    store->MarkFlushed();
  }
}

std::optional<std::string> RocksDbStateInstance::ReadMetadata(std::string_view key) {
  std::string value;
  const rocksdb::Status status = Database().Get(
      rocksdb::ReadOptions(), &Family(std::string(kMetadataFamily)), rocksdb::Slice(key), &value);
  if (status.IsNotFound()) {
    return std::nullopt;
  }
  ThrowIfFailed(status, "Reading state metadata");
  return value;
}

size_t RocksDbStateInstance::DirtyBytes() const {
  size_t bytes = 0;
  for (const auto& [name, store] : key_value_stores_) {
    bytes += store->dirty_bytes();
  }
  for (const auto& [name, store] : window_stores_) {
    bytes += store->dirty_bytes();
  }
  return bytes;
}

}  // namespace fluxo::state
