#pragma once

#include <string>
#include <utility>
#include <vector>

#include "runtime/testing/qtt_case.h"

/// Runs QTT cases against the engine on in-memory topics (FORMAT.md §4): one fresh Engine over
/// a fresh InMemoryTopicClient per case.
namespace fluxo::qtt {

/// What became of one case.
enum class CaseStatus { kPassed, kFailed, kSkipped };

/// Returns "passed", "failed" or "skipped".
const char* CaseStatusName(CaseStatus status);

/// The outcome of one case: its status, why it failed or was skipped, and how long it ran.
struct CaseResult {
  std::string name;
  CaseStatus status = CaseStatus::kPassed;
  std::string reason;  ///< Empty for a pass; may span lines (error messages do).
  double duration_ms = 0;
};

/// How inputs reach the queries.
enum class FeedMode {
  /// Produce one input record, then run the queries until idle, then the next record. This
  /// reproduces upstream's file-order interleaving of records on different topics (joins),
  /// which the records' offsets alone cannot express.
  kRecordByRecord,
  /// Produce every input record, then run the queries until idle once.
  kAllThenRun,
};

struct RunnerOptions {
  FeedMode feed_mode = FeedMode::kRecordByRecord;
};

/// Runs one case. Never throws: every failure, including an engine bug surfacing as an
/// exception, becomes a failed result with a one-paragraph reason.
CaseResult RunQttCase(const QttCase& qtt_case, const RunnerOptions& options = {});

/// Returns the topics to create before the statements run, with their partition counts (§4):
/// those of `topics`, the KAFKA_TOPIC of each CREATE with explicit columns (with its
/// PARTITIONS, if given), and every topic an input or output record names; 1 partition unless
/// said otherwise. Exposed for tests.
std::vector<std::pair<std::string, int32_t>> TopicsBeforeStatements(const QttCase& qtt_case);

/// Returns the index of the statement that holds the code point at `offset` of the script
/// that joins `statements` with newlines. Exposed for tests.
size_t StatementAtOffset(const std::vector<std::string>& statements, int64_t offset);

}  // namespace fluxo::qtt
