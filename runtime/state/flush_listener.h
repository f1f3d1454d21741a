#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fluxo::state {

/// Sees what a StateInstance commits, as it builds the commit: the hook for changelog topics.
/// A changelog writer produces each entry as a compacted-topic record (a delete as a
/// tombstone); restoring replays them as Puts of the same stored keys.
///
/// Calls happen inside StateInstance::Flush before the commit is written. When the write
/// fails, Flush throws and the entries stay dirty, so the next Flush reports them again.
class FlushListener {
 public:
  virtual ~FlushListener() = default;

  /// Sees one entry written since the last commit: its stored key (for a window store, the
  /// time-first key of window_key_layout.h) and its new value, or nothing for a delete.
  virtual void OnFlushedEntry(std::string_view store_name,
                              std::string_view stored_key,
                              std::optional<std::string_view> value) = 0;

  /// Sees that the commit is built (every entry reported) and about to be written with
  /// `metadata`: the last moment to make it durable elsewhere first (exactly-once commits its
  /// Kafka transaction here). Throwing stops the write: Flush throws and the entries stay
  /// dirty. The default does nothing.
  virtual void OnCommitBuilt(const std::vector<std::pair<std::string, std::string>>& metadata) {
    static_cast<void>(metadata);
  }

  /// Sees that a window store dropped every window starting before `start_ms`. The default
  /// does nothing: the changelog writer publishes no tombstones for expired windows (their
  /// compacted changelog keeps them, and a restore's next expiry drops them again).
  virtual void OnWindowsExpired(std::string_view store_name, int64_t start_ms) {
    static_cast<void>(store_name);
    static_cast<void>(start_ms);
  }
};

}  // namespace fluxo::state
