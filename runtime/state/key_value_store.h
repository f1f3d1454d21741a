#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/state/key_range.h"

namespace fluxo::state {

/// Receives the entries of a scan in key order; returns false to stop the scan early.
using KeyValueVisitor = std::function<bool(std::string_view key, std::string_view value)>;

/// An ordered map from byte-string keys to byte-string values: the state of one operator
/// (an aggregate's groups, a table's rows). Keys and values are opaque bytes; operators write
/// Values through value_codec.h, whose key encoding scans in key order.
///
/// Implementations: InMemoryKeyValueStore and RocksDbKeyValueStore (write-back cached; writes
/// become durable when the StateInstance flushes). A store is used by one task thread; the
/// methods are not thread-safe. Views returned by Get are valid until the next call on the
/// store. A visitor must not call into any store of the same StateInstance.
class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;

  /// Returns the store's name (see store_name.h).
  virtual const std::string& name() const = 0;

  /// Returns the value stored under `key`, or nothing.
  virtual std::optional<std::string_view> Get(std::string_view key) = 0;

  /// Stores `value` under `key`, replacing any value there.
  virtual void Put(std::string_view key, std::string_view value) = 0;

  /// Removes `key` (nothing happens when it is absent).
  virtual void Delete(std::string_view key) = 0;

  /// Visits the entries whose keys lie in `range`, in unsigned byte order of the keys,
  /// including writes not yet flushed.
  virtual void Scan(const KeyRange& range, const KeyValueVisitor& visitor) = 0;

  /// Returns an estimate of the number of entries (exact for the in-memory store; RocksDB's
  /// estimate plus the unflushed writes for the RocksDB store).
  virtual uint64_t ApproximateNumEntries() = 0;

  /// Visits every entry in key order.
  void ScanAll(const KeyValueVisitor& visitor) { Scan(KeyRange::All(), visitor); }

  /// Visits the entries whose keys start with `prefix`, in key order.
  void ScanPrefix(std::string_view prefix, const KeyValueVisitor& visitor) {
    Scan(KeyRange::Prefix(prefix), visitor);
  }
};

}  // namespace fluxo::state
