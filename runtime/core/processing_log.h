#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace fluxo {

/// One record a query skipped: where it was and why (ksqlDB's processing log).
struct ProcessingLogEntry {
  std::string query_id;
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string reason;
};

/// Collects skipped records, counted per query, so that a bad record never stops a query and
/// never vanishes silently. Each entry is also written to the server log (runtime/core/log.h)
/// with its topic, partition and offset. Thread-safe.
class ProcessingLog {
 public:
  /// Keeps at most this many entries in memory; counts go on past it.
  static constexpr size_t kMaxEntries = 10000;

  /// Records a skipped record.
  void Record(ProcessingLogEntry entry);

  /// Returns how many records `query_id` skipped.
  uint64_t SkippedBy(const std::string& query_id) const;

  /// Returns the kept entries, oldest first.
  std::vector<ProcessingLogEntry> Entries() const;

  /// Turns the stderr copy off (tests that check entries themselves).
  void SetEchoToStderr(bool echo) { echo_to_stderr_ = echo; }

  /// Makes `listener` see every entry recorded from now on (an empty function: none), called
  /// on the recording thread after the entry is counted: the processing log topic's hook.
  void SetListener(std::function<void(const ProcessingLogEntry&)> listener);

 private:
  mutable std::mutex mutex_;
  std::vector<ProcessingLogEntry> entries_;
  std::map<std::string, uint64_t> skipped_;
  bool echo_to_stderr_ = true;
  std::function<void(const ProcessingLogEntry&)> listener_;  ///< Guarded by mutex_.
};

}  // namespace fluxo
