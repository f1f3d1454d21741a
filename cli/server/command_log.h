#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace fluxo::cli::server {

/// The outcome of one command (DDL or persistent-query statement) run through /ksql.
struct CommandOutcome {
  std::string status = "SUCCESS";
  std::string message;
};

/// Numbers the commands /ksql runs (ksqlDB's commandSequenceNumber) and keeps their outcome
/// by command id ("stream/`PAGES`/create") for /status. Thread-safe.
class CommandLog {
 public:
  /// Records a command and returns its sequence number (1, 2, ...).
  int64_t Record(const std::string& command_id, CommandOutcome outcome);

  std::optional<CommandOutcome> Find(const std::string& command_id) const;

  /// Every command's latest outcome, by command id.
  std::map<std::string, CommandOutcome> All() const;

 private:
  mutable std::mutex mutex_;
  int64_t next_sequence_ = 1;
  std::map<std::string, CommandOutcome> outcomes_;
};

}  // namespace fluxo::cli::server
