#include "runtime/core/processing_log.h"

#include <utility>

#include "runtime/core/log.h"

namespace fluxo {

void ProcessingLog::Record(ProcessingLogEntry entry) {
  std::lock_guard lock(mutex_);
  ++skipped_[entry.query_id];
  if (echo_to_stderr_) {
    // The server log: one line per skipped record, with where it was.
    LogLine(LogLevel::kWarning,
            "processing log: query " + entry.query_id + " skipped " + entry.topic + "[" +
                std::to_string(entry.partition) + "]@" + std::to_string(entry.offset) + ": " +
                entry.reason);
  }
  if (listener_) {
    listener_(entry);
  }
  if (entries_.size() < kMaxEntries) {
    entries_.push_back(std::move(entry));
  }
}

void ProcessingLog::SetListener(std::function<void(const ProcessingLogEntry&)> listener) {
  std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

uint64_t ProcessingLog::SkippedBy(const std::string& query_id) const {
  std::lock_guard lock(mutex_);
  auto found = skipped_.find(query_id);
  return found == skipped_.end() ? 0 : found->second;
}

std::vector<ProcessingLogEntry> ProcessingLog::Entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

}  // namespace fluxo
