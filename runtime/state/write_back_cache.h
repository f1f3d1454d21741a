#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fluxo::state {

/// The bytes held by all the write-back caches of one RocksDbStateInstance, against one
/// capacity that they share.
struct CacheBudget {
  size_t capacity_bytes = 0;
  size_t used_bytes = 0;

  bool IsOver() const { return used_bytes > capacity_bytes; }
};

/// The in-memory write-back cache in front of one RocksDB column family: an ordered map from
/// key to value (or to a pending delete). Writes and deletes only mark entries dirty; the
/// owner writes the dirty entries to RocksDB at commit and then calls MarkFlushed. Values read
/// from RocksDB are kept as clean entries, evicted least recently used first whenever the
/// shared budget is exceeded. Dirty entries are never evicted: they are the uncommitted state,
/// so memory grows with the writes between two commits (see
/// RocksDbStateInstance::DirtyBytes).
class WriteBackCache {
 public:
  /// A cached value, or nothing for a pending delete.
  using CachedValue = std::optional<std::string>;

  /// One cached key. `lru` is used by clean entries only.
  struct Entry {
    CachedValue value;
    std::list<const std::string*>::iterator lru;
  };

  using Entries = std::map<std::string, Entry, std::less<>>;

  /// Makes a cache that charges `budget`, which must outlive it. With `keep_flushed` false,
  /// MarkFlushed drops the entries instead of keeping them clean (for caches nobody reads
  /// from, such as a window index).
  WriteBackCache(CacheBudget& budget, bool keep_flushed);

  ~WriteBackCache();

  WriteBackCache(const WriteBackCache&) = delete;
  WriteBackCache& operator=(const WriteBackCache&) = delete;

  /// Returns the cached value of `key` (marking a clean entry most recently used), or nullptr
  /// when the key is not cached.
  const CachedValue* Find(std::string_view key);

  /// Says whether `key` is cached with a value (not a pending delete).
  bool HasValue(std::string_view key) const;

  /// Caches `value`, just read from RocksDB, as clean, and returns the cached copy. Evicts
  /// other clean entries while the budget is exceeded.
  const std::string& InsertClean(std::string_view key, std::string_view value);

  /// Marks `key` as written with `value`, or deleted when `value` is nothing.
  void Write(std::string_view key, std::optional<std::string_view> value);

  /// Drops every entry, clean or dirty, whose key is below `bound`.
  void DropBelow(std::string_view bound);

  /// Drops every dirty entry whose key satisfies `predicate`.
  void DropDirtyIf(const std::function<bool(std::string_view key)>& predicate);

  /// Returns the dirty entries in key order.
  const Entries& dirty() const { return dirty_; }

  /// Makes the dirty entries clean after they were committed (pending deletes are dropped),
  /// then evicts clean entries while the budget is exceeded.
  void MarkFlushed();

  /// Returns the bytes held by dirty entries.
  size_t dirty_bytes() const { return dirty_bytes_; }

  /// Returns the number of dirty entries that hold a value.
  size_t dirty_values() const { return dirty_values_; }

 private:
  static size_t EntryBytes(std::string_view key, const CachedValue& value);

  void Charge(size_t bytes, bool dirty);

  void Release(size_t bytes, bool dirty);

  void EraseClean(Entries::iterator entry);

  void EraseDirty(Entries::iterator entry);

  // Evicts least recently used clean entries, but never `keep`, while the budget is exceeded.
  void EvictOverBudget(const std::string* keep);

  CacheBudget& budget_;
  bool keep_flushed_;
  Entries dirty_;
  Entries clean_;
  std::list<const std::string*> lru_;  // Keys of clean_, most recently used first.
  size_t dirty_bytes_ = 0;
  size_t clean_bytes_ = 0;
  size_t dirty_values_ = 0;
};

}  // namespace fluxo::state
