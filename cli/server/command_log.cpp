#include "cli/server/command_log.h"

#include <utility>

namespace fluxo::cli::server {

int64_t CommandLog::Record(const std::string& command_id, CommandOutcome outcome) {
  std::lock_guard lock(mutex_);
  outcomes_[command_id] = std::move(outcome);
  return next_sequence_++;
}

std::optional<CommandOutcome> CommandLog::Find(const std::string& command_id) const {
  std::lock_guard lock(mutex_);
  const auto found = outcomes_.find(command_id);
  if (found == outcomes_.end()) {
    return std::nullopt;
  }
  return found->second;
}

std::map<std::string, CommandOutcome> CommandLog::All() const {
  std::lock_guard lock(mutex_);
  return outcomes_;
}

}  // namespace fluxo::cli::server
