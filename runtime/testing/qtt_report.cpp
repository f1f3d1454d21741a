#include "runtime/testing/qtt_report.h"

#include <fstream>
#include <stdexcept>

namespace fluxo::qtt {

namespace {

void Count(const CaseResult& result, RunSummary& summary) {
  switch (result.status) {
    case CaseStatus::kPassed:
      ++summary.passed;
      break;
    case CaseStatus::kFailed:
      ++summary.failed;
      break;
    case CaseStatus::kSkipped:
      ++summary.skipped;
      break;
  }
}

Json CountsJson(const RunSummary& summary) {
  Json json = Json::object();
  json["passed"] = summary.passed;
  json["failed"] = summary.failed;
  json["skipped"] = summary.skipped;
  return json;
}

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) {
    return "";
  }
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

RunSummary Summarize(const std::vector<FileReport>& files) {
  RunSummary summary;
  for (const FileReport& file : files) {
    summary.file_errors += file.load_error.empty() ? 0 : 1;
    for (const CaseResult& result : file.cases) {
      Count(result, summary);
    }
  }
  return summary;
}

std::string SummaryLine(const RunSummary& summary) {
  return std::to_string(summary.passed) + " passed, " + std::to_string(summary.failed) +
         " failed, " + std::to_string(summary.skipped) + " skipped";
}

Json ReportJson(const std::vector<FileReport>& files) {
  Json report = CountsJson(Summarize(files));
  report["files"] = Json::array();
  for (const FileReport& file : files) {
    Json entry = Json::object();
    entry["file"] = file.file;
    if (!file.load_error.empty()) {
      entry["load_error"] = file.load_error;
    }
    const RunSummary counts = Summarize({file});
    entry.update(CountsJson(counts));
    entry["cases"] = Json::array();
    for (const CaseResult& result : file.cases) {
      Json item = Json::object();
      item["name"] = result.name;
      item["status"] = CaseStatusName(result.status);
      item["reason"] = result.reason;
      item["duration_ms"] = result.duration_ms;
      entry["cases"].push_back(std::move(item));
    }
    report["files"].push_back(std::move(entry));
  }
  return report;
}

std::set<std::string> ReadBaseline(const std::filesystem::path& path) {
  std::ifstream stream(path);
  if (!stream) {
    throw std::invalid_argument("cannot read baseline " + path.string());
  }
  std::set<std::string> names;
  for (std::string line; std::getline(stream, line);) {
    // Names are kept exactly (some upstream case names end in a space); only a CR goes.
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (!Trim(line).empty() && line[0] != '#') {
      names.insert(line);
    }
  }
  return names;
}

std::string BaselineText(const std::vector<std::string>& names) {
  std::string text =
      "# QTT conformance baseline: case names (one per line) that must pass.\n"
      "#\n"
      "# `fluxo test --baseline FILE CASES...` fails when a case listed here does not pass and\n"
      "# prints `NEW PASS <name>` for each passing case missing from the list. It is a ratchet:\n"
      "# add newly passing cases (or regenerate with `fluxo test --write-baseline FILE CASES...`)\n"
      "# so that they can never silently regress. Lines starting with '#' are comments.\n";
  for (const std::string& name : names) {
    text += name + "\n";
  }
  return text;
}

BaselineCheck CheckBaseline(const std::set<std::string>& baseline,
                            const std::vector<FileReport>& files,
                            const std::function<bool(const std::string&)>& was_selected) {
  BaselineCheck check;
  std::set<std::string> seen;
  for (const FileReport& file : files) {
    for (const CaseResult& result : file.cases) {
      seen.insert(result.name);
      const bool listed = baseline.count(result.name) > 0;
      if (listed && result.status != CaseStatus::kPassed) {
        check.regressions.push_back(&result);
      } else if (!listed && result.status == CaseStatus::kPassed) {
        check.new_passes.push_back(result.name);
      }
    }
  }
  for (const std::string& name : baseline) {
    if (seen.count(name) == 0 && was_selected(name)) {
      check.missing.push_back(name);
    }
  }
  return check;
}

}  // namespace fluxo::qtt
