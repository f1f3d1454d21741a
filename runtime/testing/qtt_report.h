#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "runtime/testing/exact_json.h"
#include "runtime/testing/qtt_runner.h"

/// Results of a `fluxo test` run: per-file summaries, the JSON report, and the baseline
/// ratchet (a list of case names that must keep passing).
namespace fluxo::qtt {

/// The results of one case file.
struct FileReport {
  std::string file;        ///< The path as given.
  std::string load_error;  ///< Non-empty when the file could not be loaded.
  std::vector<CaseResult> cases;
};

/// Counts of a run.
struct RunSummary {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;
  size_t file_errors = 0;  ///< Files that could not be loaded.
};

/// Counts the cases of `files` by status.
RunSummary Summarize(const std::vector<FileReport>& files);

/// Returns the summary line: `12 passed, 3 failed, 4 skipped`.
std::string SummaryLine(const RunSummary& summary);

/// Builds the JSON report: {"passed", "failed", "skipped", "files": [{"file", "load_error"?,
/// "passed", "failed", "skipped", "cases": [{"name", "status", "reason", "duration_ms"}]}]}.
Json ReportJson(const std::vector<FileReport>& files);

/// Reads a baseline: one case name per line; blank lines and lines starting with '#' are
/// ignored, surrounding spaces trimmed. Throws std::invalid_argument when it cannot be read.
std::set<std::string> ReadBaseline(const std::filesystem::path& path);

/// Returns the text of a baseline listing `names`, under a header explaining the ratchet.
std::string BaselineText(const std::vector<std::string>& names);

/// How a run compares with its baseline.
struct BaselineCheck {
  std::vector<const CaseResult*> regressions;  ///< In the baseline, ran, and did not pass.
  std::vector<std::string> missing;            ///< In the baseline but not run at all.
  std::vector<std::string> new_passes;         ///< Passed, but not in the baseline yet.
};

/// Compares the run with `baseline`. Baseline names for which `was_selected` is false (cases
/// left out by --filter) are neither missing nor regressions.
BaselineCheck CheckBaseline(const std::set<std::string>& baseline,
                            const std::vector<FileReport>& files,
                            const std::function<bool(const std::string&)>& was_selected);

}  // namespace fluxo::qtt
