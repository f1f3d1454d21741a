#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/shell/record_format_guess.h"
#include "parser/ast/statement.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::cli::shell {

/// Runs `PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]` over a TopicClient: reads the
/// topic's raw records partition by partition, guesses the key and value formats, and writes
/// one line per record as ksqlDB's PRINT does:
///
///     Key format: KAFKA_STRING
///     Value format: JSON or KAFKA_STRING
///     rowtime: 2024/01/01 10:00:00.000 Z, key: alice, value: {"AMOUNT":10}, partition: 0
///
/// The two format lines come before the first record. Without FROM BEGINNING only records
/// produced after Open() show. INTERVAL n shows every n-th record; LIMIT n stops after n.
class TopicPrinter {
 public:
  explicit TopicPrinter(ast::PrintTopic print);

  /// Finds the topic (by its exact name, else by a unique case-insensitive match, since an
  /// unquoted name is upper-cased) and notes where each partition starts. Throws
  /// fluxo::Error (kExecution) when there is no such topic.
  void Open(const runtime::TopicClient& topics);

  /// Reads what arrived since the last call and returns the lines to show.
  std::vector<std::string> Poll(const runtime::TopicClient& topics);

  /// Returns true once LIMIT records have been shown.
  bool done() const { return print_.limit.has_value() && shown_ >= *print_.limit; }

  /// The topic's name as found by Open().
  const std::string& topic() const { return topic_; }

 private:
  std::string FormatRecord(const runtime::TopicRecord& record, int32_t partition);

  ast::PrintTopic print_;
  std::string topic_;
  std::vector<int64_t> next_offsets_;  ///< Per partition.
  FormatGuesser keys_;
  FormatGuesser values_;
  int64_t seen_ = 0;   ///< Records read, for INTERVAL.
  int64_t shown_ = 0;  ///< Records shown, for LIMIT.
};

/// Formats a record timestamp as PRINT shows it: `2024/01/01 10:00:00.000 Z` (UTC).
std::string FormatRowtime(int64_t timestamp_ms);

}  // namespace fluxo::cli::shell
