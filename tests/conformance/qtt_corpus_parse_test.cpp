// Parses every statement of ksqlDB's public QTT corpus (../shared/conformance/qtt/cases) and
// checks that printing and re-parsing each one gives back an equal AST:
// parse(print(parse(s))) == parse(s). Exits 77 (ctest: skipped) when the corpus is absent.

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "parser/parser.h"
#include "parser/sql_formatter.h"
#include "runtime/core/error.h"
#include "runtime/core/format_error.h"
#include "tests/conformance/qtt_case_loader.h"

namespace {

constexpr int kExitSkipped = 77;

/// Positive cases that are allowed not to parse, by case name, with the reason. Empty today:
/// every positive case parses. An entry whose case starts to parse is reported as stale.
const std::map<std::string, std::string> kKnownExceptions = {};

std::string JoinStatements(const std::vector<std::string>& statements) {
  std::string script;
  for (const std::string& statement : statements) {
    script += statement;
    script += '\n';
  }
  return script;
}

// Checks one case; returns an empty string when it passes, else the reason.
std::string CheckCase(const fluxo::testing::QttCase& qtt_case, int& round_trips) {
  const std::string script = JoinStatements(qtt_case.statements);
  std::vector<fluxo::ast::Statement> statements;
  try {
    statements = fluxo::parser::ParseStatements(script);
  } catch (const fluxo::Error& error) {
    return "does not parse:\n" + fluxo::FormatError(error, script);
  }
  for (const fluxo::ast::Statement& statement : statements) {
    const std::string printed = fluxo::parser::FormatStatement(statement);
    try {
      const fluxo::ast::Statement reparsed = fluxo::parser::ParseStatement(printed);
      if (!(reparsed == statement)) {
        return "round trip changes the AST:\n  printed:   " + printed +
               "\n  reprinted: " + fluxo::parser::FormatStatement(reparsed);
      }
    } catch (const fluxo::Error& error) {
      return "printed SQL does not parse:\n  printed: " + printed + "\n" +
             fluxo::FormatError(error, printed);
    }
    ++round_trips;
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: qtt_corpus_parse_test CASES_DIRECTORY\n";
    return 2;
  }
  const std::filesystem::path directory = argv[1];
  if (!std::filesystem::is_directory(directory)) {
    std::cout << "SKIPPED: the QTT corpus is not at " << directory.string()
              << " (../shared is absent beside this clone), so the corpus parse test cannot run\n";
    return kExitSkipped;
  }
  std::vector<fluxo::testing::QttCase> cases;
  try {
    cases = fluxo::testing::LoadQttCases(directory);
  } catch (const std::exception& error) {
    std::cerr << "cannot load the QTT corpus: " << error.what() << "\n";
    return 1;
  }

  int passed = 0;
  int failed = 0;
  int waived = 0;
  int round_trips = 0;
  int negative_cases = 0;
  int negative_parse_errors = 0;
  for (const auto& qtt_case : cases) {
    if (qtt_case.expects_exception) {
      // Negative cases may fail anywhere (parse, bind, run); only count the parse failures.
      ++negative_cases;
      try {
        fluxo::parser::ParseStatements(JoinStatements(qtt_case.statements));
      } catch (const fluxo::Error&) {
        ++negative_parse_errors;
      }
      continue;
    }
    const std::string reason = CheckCase(qtt_case, round_trips);
    const auto waiver = kKnownExceptions.find(qtt_case.name);
    if (reason.empty() && waiver == kKnownExceptions.end()) {
      ++passed;
    } else if (reason.empty()) {
      ++failed;
      std::cout << "STALE WAIVER: " << qtt_case.name << " now passes; remove its exception\n";
    } else if (waiver != kKnownExceptions.end()) {
      ++waived;
      std::cout << "WAIVED: " << qtt_case.name << ": " << waiver->second << "\n";
    } else {
      ++failed;
      std::cout << "FAILED: " << qtt_case.name << " (" << qtt_case.file << "): " << reason << "\n";
    }
  }
  std::cout << "QTT corpus: " << passed << " of " << (passed + failed + waived)
            << " positive cases parse and round-trip (" << round_trips << " statements, " << waived
            << " waived); " << negative_parse_errors << " of " << negative_cases
            << " negative cases fail already at parse time\n";
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
