#include "runtime/state/rocksdb_window_store.h"

#include <rocksdb/write_batch.h>

#include "runtime/state/rocksdb_error.h"
#include "runtime/state/window_key_layout.h"

namespace fluxo::state {

RocksDbWindowStore::RocksDbWindowStore(std::string name,
                                       rocksdb::DB& db,
                                       rocksdb::ColumnFamilyHandle& entries,
                                       rocksdb::ColumnFamilyHandle& index,
                                       CacheBudget& budget)
    : name_(std::move(name)),
      entries_(db, entries, budget, /*keep_flushed=*/true),
      // Nobody reads single index keys, so committed index entries need not stay cached.
      index_(db, index, budget, /*keep_flushed=*/false) {}

std::string RocksDbWindowStore::IndexFamilyName(std::string_view name) {
  return std::string(name) + "#by-key";
}

const std::string& RocksDbWindowStore::TimeKey(const WindowKey& window, std::string& buffer) {
  buffer.clear();
  AppendTimeFirstKey(window, buffer);
  return buffer;
}

const std::string& RocksDbWindowStore::IndexKey(const WindowKey& window) {
  index_key_.clear();
  AppendKeyFirstKey(window, index_key_);
  return index_key_;
}

std::optional<std::string_view> RocksDbWindowStore::Get(const WindowKey& window) {
  return entries_.Get(TimeKey(window, time_key_));
}

void RocksDbWindowStore::Put(const WindowKey& window, std::string_view value) {
  const std::string& time_key = TimeKey(window, time_key_);
  // A window cached with a value is indexed already (committed or not).
  const bool indexed = entries_.HasCachedValue(time_key);
  entries_.Put(time_key, value);
  if (!indexed) {
    index_.Put(IndexKey(window), std::string_view());
  }
}

void RocksDbWindowStore::Delete(const WindowKey& window) {
  entries_.Delete(TimeKey(window, time_key_));
  index_.Delete(IndexKey(window));
}

void RocksDbWindowStore::FetchKey(std::string_view key,
                                  int64_t from_ms,
                                  int64_t to_ms,
                                  const WindowVisitor& visitor) {
  if (from_ms > to_ms) {
    return;
  }
  index_.Scan(KeyFirstRange(key, from_ms, to_ms),
              [&](std::string_view index_key, std::string_view /*empty*/) {
                const WindowKey window = DecodeKeyFirstKey(index_key);
                const auto value = entries_.Get(TimeKey(window, fetch_time_key_));
                // No value: the window expired, and its index entry goes at the next commit.
                return !value.has_value() || visitor(window, *value);
              });
}

void RocksDbWindowStore::FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) {
  if (from_ms > to_ms) {
    return;
  }
  entries_.Scan(TimeFirstRange(from_ms, to_ms),
                [&](std::string_view time_key, std::string_view value) {
                  return visitor(DecodeTimeFirstKey(time_key), value);
                });
}

void RocksDbWindowStore::ExpireBefore(int64_t start_ms) {
  entries_.DeleteBelow(TimeFirstBound(start_ms));
  index_.DropUncommittedIf([start_ms](std::string_view index_key) {
    return DecodeKeyFirstKey(index_key).start_ms < start_ms;
  });
  if (!expire_before_.has_value() || *expire_before_ < start_ms) {
    expire_before_ = start_ms;
  }
}

void RocksDbWindowStore::AppendToBatch(rocksdb::WriteBatch& batch, FlushListener* listener) {
  if (expire_before_.has_value()) {
    // The index entries of the committed windows that the range delete drops. Writes below
    // the bound made after ExpireBefore follow in the batch, so they survive.
    KeyRange expired;
    expired.end = TimeFirstBound(*expire_before_);
    entries_.ScanCommitted(expired, [&](std::string_view time_key, std::string_view /*value*/) {
      ThrowIfFailed(batch.Delete(&index_.family(), IndexKey(DecodeTimeFirstKey(time_key))),
                    "Adding an index delete to the state commit");
      return true;
    });
    if (listener != nullptr) {
      listener->OnWindowsExpired(name_, *expire_before_);
    }
  }
  entries_.AppendToBatch(batch, listener, name_);
  index_.AppendToBatch(batch, /*listener=*/nullptr, name_);
}

void RocksDbWindowStore::MarkFlushed() {
  entries_.MarkFlushed();
  index_.MarkFlushed();
  expire_before_.reset();
}

}  // namespace fluxo::state
