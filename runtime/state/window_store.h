#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fluxo::state {

/// Identifies one entry of a WindowStore: the key bytes, the window's start and end (epoch
/// milliseconds, any int64 including negative times) and a sequence number.
///
/// The sequence number lets one (key, start, end) hold several values, as a stream-stream
/// join buffer needs (several records of one key with the same timestamp). Aggregates leave it
/// 0. A join should use a number that identifies the record across restarts, such as its
/// input offset, so that records replayed after a crash overwrite their earlier copies
/// instead of being buffered twice.
struct WindowKey {
  std::string_view key;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  uint64_t sequence = 0;

  bool operator==(const WindowKey&) const = default;
};

/// Receives the entries of a window fetch; returns false to stop early.
using WindowVisitor = std::function<bool(const WindowKey& window, std::string_view value)>;

/// Windowed state for windowed aggregates (tumbling, hopping, session) and stream-stream joins:
/// values keyed by (key, window start, window end, sequence). Expiry drops every window that
/// starts before a time, which RocksDB does with one range delete because the window start
/// leads the stored key (layouts in window_key_layout.h).
///
/// Implementations: InMemoryWindowStore and RocksDbWindowStore. Same threading and view rules
/// as KeyValueStore: one task thread, views valid until the next call, visitors must not call
/// into any store of the same StateInstance.
class WindowStore {
 public:
  virtual ~WindowStore() = default;

  /// Returns the store's name (see store_name.h).
  virtual const std::string& name() const = 0;

  /// Returns the value of `window`, or nothing.
  virtual std::optional<std::string_view> Get(const WindowKey& window) = 0;

  /// Stores `value` for `window`, replacing any value there.
  virtual void Put(const WindowKey& window, std::string_view value) = 0;

  /// Removes `window` (nothing happens when it is absent).
  virtual void Delete(const WindowKey& window) = 0;

  /// Visits the windows of `key` whose start lies in [from_ms, to_ms], ordered by start, then
  /// end, then sequence. Session merging asks for the sessions that may overlap a new record;
  /// hopping windows and join buffers ask for one key's windows in a time range.
  virtual void FetchKey(std::string_view key,
                        int64_t from_ms,
                        int64_t to_ms,
                        const WindowVisitor& visitor) = 0;

  /// Visits every window whose start lies in [from_ms, to_ms], ordered by start; windows with
  /// the same start come in the byte order of their stored keys (key bytes, then end, then
  /// sequence), the same in every implementation.
  virtual void FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) = 0;

  /// Removes every window whose start is before `start_ms`.
  virtual void ExpireBefore(int64_t start_ms) = 0;

  /// Returns an estimate of the number of windows (exact for the in-memory store).
  virtual uint64_t ApproximateNumEntries() = 0;
};

}  // namespace fluxo::state
