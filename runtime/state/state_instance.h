#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/state/flush_listener.h"
#include "runtime/state/key_value_store.h"
#include "runtime/state/window_store.h"

namespace fluxo::state {

/// Key/value pairs committed together with the state, such as a task's consumed offsets.
using MetadataEntries = std::vector<std::pair<std::string, std::string>>;

/// One store of a state instance: its name and whether it is a window store.
struct StoreListing {
  std::string name;
  bool window = false;

  bool operator==(const StoreListing&) const = default;
};

/// All the state stores of one task, committed together: RocksDbStateInstance (one RocksDB
/// database per task, a column family per store) or InMemoryStateInstance (tests).
///
/// Stores are created on first use and live as long as the instance; asking again for a name
/// returns the same store. A name belongs to one kind of store: asking for a key-value store
/// under a window store's name (or the reverse) throws fluxo::Error (kInternal).
class StateInstance {
 public:
  virtual ~StateInstance() = default;

  /// Returns the key-value store called `name` (see store_name.h), creating it when needed.
  virtual KeyValueStore& GetKeyValueStore(std::string_view name) = 0;

  /// Returns the window store called `name`, creating it when needed.
  virtual WindowStore& GetWindowStore(std::string_view name) = 0;

  /// The stores asked for so far, by name.
  virtual std::vector<StoreListing> ListStores() const = 0;

  /// Commits every store's writes since the last Flush together with `metadata`, all or
  /// nothing. Throws fluxo::Error (kIo) when the write fails; the writes then stay pending.
  virtual void Flush(const MetadataEntries& metadata) = 0;

  /// Commits every store's writes with no metadata.
  void Flush() { Flush(MetadataEntries{}); }

  /// Returns the committed metadata value of `key`, or nothing.
  virtual std::optional<std::string> ReadMetadata(std::string_view key) = 0;

  /// Makes `listener` see every later Flush (nullptr: none). The caller keeps it alive.
  virtual void SetFlushListener(FlushListener* listener) = 0;
};

}  // namespace fluxo::state
