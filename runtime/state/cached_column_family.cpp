#include "runtime/state/cached_column_family.h"

#include <memory>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "runtime/state/rocksdb_error.h"

namespace fluxo::state {

namespace {

// Iterates the committed entries of `range` of `family` in key order, starting no lower than
// `lower`, and calls `visit(iterator)` for each until it returns false. Returns false when
// `visit` stopped the iteration.
template <typename Visit>
bool IterateCommitted(rocksdb::DB& db,
                      rocksdb::ColumnFamilyHandle& family,
                      const KeyRange& range,
                      std::string_view lower,
                      Visit&& visit) {
  rocksdb::ReadOptions options;
  rocksdb::Slice upper_bound;
  if (range.end.has_value()) {
    upper_bound = rocksdb::Slice(*range.end);
    options.iterate_upper_bound = &upper_bound;
  }
  const std::unique_ptr<rocksdb::Iterator> iterator(db.NewIterator(options, &family));
  for (iterator->Seek(rocksdb::Slice(lower)); iterator->Valid(); iterator->Next()) {
    if (!visit(*iterator)) {
      return false;
    }
  }
  ThrowIfFailed(iterator->status(), "Scanning a state store");
  return true;
}

}  // namespace

CachedColumnFamily::CachedColumnFamily(rocksdb::DB& db,
                                       rocksdb::ColumnFamilyHandle& family,
                                       CacheBudget& budget,
                                       bool keep_flushed)
    : db_(db), family_(family), cache_(budget, keep_flushed) {}

std::optional<std::string_view> CachedColumnFamily::Get(std::string_view key) {
  if (const auto* cached = cache_.Find(key); cached != nullptr) {
    return cached->has_value() ? std::optional<std::string_view>(**cached) : std::nullopt;
  }
  if (delete_below_.has_value() && key < std::string_view(*delete_below_)) {
    return std::nullopt;  // Committed, but deleted by the pending range delete.
  }
  rocksdb::PinnableSlice value;
  const rocksdb::Status status =
      db_.Get(rocksdb::ReadOptions(), &family_, rocksdb::Slice(key), &value);
  if (status.IsNotFound()) {
    return std::nullopt;
  }
  ThrowIfFailed(status, "Reading a state store");
  return cache_.InsertClean(key, value.ToStringView());
}

void CachedColumnFamily::Scan(const KeyRange& range, const KeyValueVisitor& visitor) {
  // The committed entries below a pending range delete are gone.
  std::string_view lower = range.begin;
  if (delete_below_.has_value() && lower < std::string_view(*delete_below_)) {
    lower = *delete_below_;
  }
  // Merge the committed entries with the uncommitted writes; at equal keys the write wins.
  const WriteBackCache::Entries& dirty = cache_.dirty();
  auto write = dirty.lower_bound(range.begin);
  const auto writes_end = range.end.has_value() ? dirty.lower_bound(*range.end) : dirty.end();
  auto emit_write = [&visitor](WriteBackCache::Entries::const_iterator entry) {
    return !entry->second.value.has_value() || visitor(entry->first, *entry->second.value);
  };
  const bool finished =
      IterateCommitted(db_, family_, range, lower, [&](rocksdb::Iterator& committed) {
        const std::string_view key = committed.key().ToStringView();
        while (write != writes_end && std::string_view(write->first) < key) {
          if (!emit_write(write++)) {
            return false;
          }
        }
        if (write != writes_end && std::string_view(write->first) == key) {
          return emit_write(write++);
        }
        return visitor(key, committed.value().ToStringView());
      });
  while (finished && write != writes_end) {
    if (!emit_write(write++)) {
      return;
    }
  }
}

void CachedColumnFamily::ScanCommitted(const KeyRange& range, const KeyValueVisitor& visitor) {
  IterateCommitted(db_, family_, range, range.begin, [&](rocksdb::Iterator& committed) {
    return visitor(committed.key().ToStringView(), committed.value().ToStringView());
  });
}

void CachedColumnFamily::DeleteBelow(std::string_view bound) {
  cache_.DropBelow(bound);
  if (!delete_below_.has_value() || *delete_below_ < bound) {
    delete_below_.emplace(bound);
  }
}

void CachedColumnFamily::AppendToBatch(rocksdb::WriteBatch& batch,
                                       FlushListener* listener,
                                       std::string_view store_name) const {
  if (delete_below_.has_value()) {
    ThrowIfFailed(batch.DeleteRange(&family_, rocksdb::Slice(), rocksdb::Slice(*delete_below_)),
                  "Adding a range delete to the state commit");
  }
  for (const auto& [key, entry] : cache_.dirty()) {
    std::optional<std::string_view> value;
    if (entry.value.has_value()) {
      value = *entry.value;
      ThrowIfFailed(batch.Put(&family_, rocksdb::Slice(key), rocksdb::Slice(*value)),
                    "Adding a write to the state commit");
    } else {
      ThrowIfFailed(batch.Delete(&family_, rocksdb::Slice(key)),
                    "Adding a delete to the state commit");
    }
    if (listener != nullptr) {
      listener->OnFlushedEntry(store_name, key, value);
    }
  }
}

void CachedColumnFamily::MarkFlushed() {
  cache_.MarkFlushed();
  delete_below_.reset();
}

uint64_t CachedColumnFamily::ApproximateNumEntries() {
  uint64_t committed = 0;
  if (!db_.GetIntProperty(&family_, rocksdb::DB::Properties::kEstimateNumKeys, &committed)) {
    committed = 0;
  }
  return committed + cache_.dirty_values();
}

}  // namespace fluxo::state
