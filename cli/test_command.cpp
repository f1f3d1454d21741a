#include "cli/test_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "runtime/testing/qtt_case.h"
#include "runtime/testing/qtt_report.h"
#include "runtime/testing/qtt_runner.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

/// ctest's conventional "skipped" status (SKIP_RETURN_CODE in tests/CMakeLists.txt).
constexpr int kExitSkipped = 77;

struct TestOptions {
  std::vector<std::string> paths;
  bool verbose = false;
  std::string filter;
  std::string report;
  std::string baseline;
  std::string write_baseline;
  bool skip_missing = false;
  qtt::RunnerOptions runner;
};

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo test [options] FILE|DIR...\n"
         "\n"
         "Runs query tests written in ksqlDB's QTT format (the JSON files of ksqlDB's\n"
         "query-validation tests; a directory gives its *.json files) against the engine on\n"
         "in-memory topics. Prints 'FAIL <case>: <reason>' for each failing case and ends with\n"
         "'N passed, M failed, K skipped'. Exits with status 1 when a case failed (with\n"
         "--baseline: when a case of the baseline did not pass).\n"
         "\n"
      << options;
}

/// Returns `text` on one line: line breaks in error messages become "\n".
std::string OneLine(const std::string& text) {
  std::string line;
  for (const char c : text) {
    line += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return line;
}

void PrintResult(const qtt::CaseResult& result, bool verbose, const CommandIo& io) {
  switch (result.status) {
    case qtt::CaseStatus::kFailed:
      io.out << "FAIL " << result.name << ": " << OneLine(result.reason) << "\n";
      break;
    case qtt::CaseStatus::kPassed:
      if (verbose) {
        io.out << "PASS " << result.name << "\n";
      }
      break;
    case qtt::CaseStatus::kSkipped:
      if (verbose) {
        io.out << "SKIP " << result.name << ": " << OneLine(result.reason) << "\n";
      }
      break;
  }
  io.out.flush();
}

bool WriteFile(const std::string& path, const std::string& text, const CommandIo& io) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file) {
    io.err << "fluxo test: cannot write '" << path << "'\n";
    return false;
  }
  return true;
}

/// Parses the command line; returns an exit status when there is nothing more to do.
std::optional<int> ParseOptions(const std::vector<std::string>& arguments,
                                TestOptions& options,
                                const CommandIo& io) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "print this help and exit")("verbose,v",
                                                              "also print PASS and SKIP lines")(
      "filter", po::value(&options.filter), "run only the cases whose name contains this text")(
      "report", po::value(&options.report), "write a JSON report (per file and case) to FILE")(
      "baseline",
      po::value(&options.baseline),
      "fail only when a case named in FILE does not pass; print NEW PASS for others that pass")(
      "write-baseline",
      po::value(&options.write_baseline),
      "write the names of all passing cases to FILE")(
      "batch-inputs",
      "produce all input records before running the queries (default: run the queries after "
      "each record, which keeps the file order across topics)")(
      "skip-missing", "exit with status 77 (skipped) when a FILE|DIR does not exist");
  po::options_description hidden;
  hidden.add_options()("path", po::value(&options.paths), "a case file or directory");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map values;
  if (const auto exit =
          ParseCommandLine("test", arguments, visible, all, &positional, &PrintUsage, io, values)) {
    return *exit;
  }
  if (options.paths.empty()) {
    io.err << "fluxo test: no case files given\n\n";
    PrintUsage(io.err, visible);
    return kExitUsage;
  }
  options.verbose = values.count("verbose") != 0;
  options.skip_missing = values.count("skip-missing") != 0;
  if (values.count("batch-inputs") != 0) {
    options.runner.feed_mode = qtt::FeedMode::kAllThenRun;
  }
  return std::nullopt;
}

/// Prints how the run compares with the baseline; returns true when no baseline case regressed.
bool ReportBaseline(const std::set<std::string>& baseline,
                    const std::vector<qtt::FileReport>& reports,
                    const std::string& filter,
                    const CommandIo& io) {
  const qtt::BaselineCheck check =
      qtt::CheckBaseline(baseline, reports, [&filter](const std::string& name) {
        return name.find(filter) != std::string::npos;
      });
  for (const std::string& name : check.new_passes) {
    io.out << "NEW PASS " << name << "\n";
  }
  for (const qtt::CaseResult* result : check.regressions) {
    io.out << "BASELINE REGRESSION " << result->name << ": " << qtt::CaseStatusName(result->status)
           << "\n";
  }
  for (const std::string& name : check.missing) {
    io.out << "BASELINE MISSING " << name << ": no such case was run\n";
  }
  return check.regressions.empty() && check.missing.empty();
}

}  // namespace

int RunTestCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  TestOptions options;
  if (std::optional<int> status = ParseOptions(arguments, options, io)) {
    return *status;
  }
  for (const std::string& path : options.paths) {
    if (!std::filesystem::exists(path)) {
      io.err << "fluxo test: no such file or directory: " << path
             << (options.skip_missing ? " (skipping)" : "") << "\n";
      return options.skip_missing ? kExitSkipped : kExitFailure;
    }
  }
  std::optional<std::set<std::string>> baseline;
  try {
    if (!options.baseline.empty()) {
      baseline = qtt::ReadBaseline(options.baseline);
    }
  } catch (const std::exception& error) {
    io.err << "fluxo test: " << error.what() << "\n";
    return kExitFailure;
  }

  std::vector<qtt::FileReport> reports;
  for (const std::filesystem::path& path : qtt::CollectQttFiles(options.paths)) {
    const qtt::QttFile file = qtt::LoadQttFile(path);
    qtt::FileReport report{path.string(), file.load_error, {}};
    if (!file.load_error.empty()) {
      io.out << "ERROR " << path.string() << ": " << OneLine(file.load_error) << "\n";
    }
    for (const qtt::QttCase& qtt_case : file.cases) {
      if (qtt_case.name.find(options.filter) == std::string::npos) {
        continue;
      }
      report.cases.push_back(qtt::RunQttCase(qtt_case, options.runner));
      PrintResult(report.cases.back(), options.verbose, io);
    }
    reports.push_back(std::move(report));
  }

  const qtt::RunSummary summary = qtt::Summarize(reports);
  bool ok = summary.file_errors == 0;
  if (!options.report.empty()) {
    ok = WriteFile(
             options.report,
             qtt::ReportJson(reports).dump(2, ' ', false, qtt::Json::error_handler_t::replace) +
                 "\n",
             io) &&
         ok;
  }
  if (!options.write_baseline.empty()) {
    std::vector<std::string> passing;
    for (const qtt::FileReport& report : reports) {
      for (const qtt::CaseResult& result : report.cases) {
        if (result.status == qtt::CaseStatus::kPassed) {
          passing.push_back(result.name);
        }
      }
    }
    ok = WriteFile(options.write_baseline, qtt::BaselineText(passing), io) && ok;
  }
  if (baseline) {
    ok = ReportBaseline(*baseline, reports, options.filter, io) && ok;
  } else {
    ok = ok && summary.failed == 0;
  }
  io.out << qtt::SummaryLine(summary) << "\n";
  io.out.flush();
  return ok ? kExitOk : kExitFailure;
}

}  // namespace fluxo::cli
