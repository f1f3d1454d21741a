// Robustness of the parser: random mutations of real statements must end in an AST or a syntax
// error with a known span; never in a crash, another exception or a hang (ctest's TIMEOUT on
// `parser_fuzz` catches hangs). Every statement that parses must also survive the round trip
// parse -> FormatStatement -> parse with an equal AST.
//
// The seeds are tests/data/parser/seed_statements.sql plus, when ../shared is there, every
// statement of the QTT corpus. The run is reproducible: sample i is drawn from its own
// std::mt19937_64 seeded with (seed, i), so a failure reported for one index can be replayed.
// For local runs, FLUXO_FUZZ_SEED and FLUXO_FUZZ_COUNT override the seed and the sample count.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "parser/sql_formatter.h"
#include "parser/statement_splitter.h"
#include "runtime/core/error.h"
#include "tests/conformance/qtt_case_loader.h"

namespace fluxo::parser {

namespace {

constexpr uint64_t kDefaultSeed = 20261121;
constexpr uint64_t kDefaultSampleCount = 100000;
constexpr size_t kMaxReportedFailures = 20;
constexpr int kMinimizeBudget = 4000;    // Parses spent shrinking one reported failure.
constexpr size_t kMaxShownBytes = 2000;  // Of one input or printed statement in a report.

// Characters that make SQL interesting: quotes, brackets, operators, separators, digits and
// letters (including the E of exponents and the letters of keywords).
constexpr std::string_view kAlphabet =
    "'`\"()[]{};,.-*/<>=:$\t\n +%|!_@"
    "0123456789"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Multi-character pieces that single-character insertion seldom builds.
constexpr std::array<std::string_view, 17> kSnippets = {"--",
                                                        "/*",
                                                        "*/",
                                                        "->",
                                                        "=>",
                                                        ":=",
                                                        "||",
                                                        "<>",
                                                        "!=",
                                                        "<=",
                                                        ">=",
                                                        "${x}",
                                                        "''",
                                                        "``",
                                                        "\"\"",
                                                        "é",
                                                        "✓"};

constexpr std::array<std::string_view, 43> kKeywords = {
    "SELECT",  "FROM",      "WHERE",  "GROUP",      "BY",        "WINDOW", "TUMBLING", "HOPPING",
    "SESSION", "SIZE",      "EMIT",   "CHANGES",    "FINAL",     "JOIN",   "ON",       "WITHIN",
    "CASE",    "WHEN",      "THEN",   "ELSE",       "END",       "CAST",   "AS",       "NULL",
    "NOT",     "AND",       "OR",     "IN",         "BETWEEN",   "LIKE",   "ARRAY",    "MAP",
    "STRUCT",  "INTERVAL",  "TABLE",  "DESCRIPTOR", "WATERMARK", "CREATE", "STREAM",   "INSERT",
    "VALUES",  "PARTITION", "SECONDS"};

// Openers repeated many times in a row, to reach the parser's nesting limits. ("- " keeps its
// space: "--" would start a comment.)
constexpr std::array<std::string_view, 9> kNestingOpeners = {
    "(", "[", "NOT ", "- ", "+", "CASE WHEN a THEN ", "ARRAY<", "ARRAY[", "f("};

// ---------------------------------------------------------------------------------------------
// Seeds

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  REQUIRE_MESSAGE(stream.good(), "cannot read " << path.string());
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// Appends the statements of `script`, and its remainder when that is not blank.
void AppendStatements(std::string_view script, std::vector<std::string>& out) {
  const SplitScript split = SplitStatements(script);
  for (const StatementText& statement : split.statements) {
    out.push_back(statement.text);
  }
  if (!split.remainder_is_blank) {
    out.push_back(split.remainder);
  }
}

std::vector<std::string> SeedFileStatements() {
  const std::filesystem::path path =
      std::filesystem::path(FLUXO_TEST_DATA_DIR) / "parser" / "seed_statements.sql";
  std::vector<std::string> statements;
  AppendStatements(ReadFile(path), statements);
  return statements;
}

// The seed file's statements plus the QTT corpus's, without duplicates, in a fixed order.
std::vector<std::string> AllSeeds() {
  std::vector<std::string> seeds = SeedFileStatements();
  const size_t from_file = seeds.size();
  const std::filesystem::path corpus = FLUXO_QTT_CASES_DIR;
  if (std::filesystem::is_directory(corpus)) {
    try {
      for (const testing::QttCase& qtt_case : testing::LoadQttCases(corpus)) {
        for (const std::string& statement : qtt_case.statements) {
          AppendStatements(statement, seeds);
        }
      }
    } catch (const std::exception& error) {
      FAIL_CHECK("cannot load the QTT corpus at " << corpus.string() << ": " << error.what());
    }
  } else {
    MESSAGE("the QTT corpus is not at " << corpus.string()
                                        << " (../shared is absent): mutating the seed file alone");
  }
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  MESSAGE(seeds.size() << " distinct seed statements (" << from_file
                       << " from seed_statements.sql)");
  return seeds;
}

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    return fallback;
  }
  char* end = nullptr;
  const uint64_t parsed = std::strtoull(value, &end, 0);
  REQUIRE_MESSAGE(*end == '\0', name << " is not a number: " << value);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Mutations. Bounds come from `rng() % n` rather than std::uniform_int_distribution so that a
// seed gives the same samples with every standard library.

class Mutator {
 public:
  Mutator(const std::vector<std::string>& seeds, uint64_t seed, uint64_t index) : seeds_(seeds) {
    std::seed_seq sequence{static_cast<uint32_t>(seed),
                           static_cast<uint32_t>(seed >> 32),
                           static_cast<uint32_t>(index),
                           static_cast<uint32_t>(index >> 32)};
    rng_.seed(sequence);
  }

  std::string Sample() {
    std::string text = seeds_[Below(seeds_.size())];
    const size_t mutations = 1 + Below(4);
    for (size_t i = 0; i < mutations; ++i) {
      Mutate(text);
    }
    return text;
  }

 private:
  // A number in [0, n); 0 when n is 0.
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }

  bool OneIn(size_t n) { return Below(n) == 0; }

  void Mutate(std::string& text) {
    // Weights: character-level 33, token-level 23, splice 5, deep nesting 1.
    size_t pick = Below(62);
    if (pick < 8) {
      DeleteChars(text);
    } else if ((pick -= 8) < 10) {
      InsertChar(text);
    } else if ((pick -= 10) < 3) {
      InsertSnippet(text);
    } else if ((pick -= 3) < 5) {
      DuplicateRange(text);
    } else if ((pick -= 5) < 3) {
      Truncate(text);
    } else if ((pick -= 3) < 4) {
      FlipCase(text);
    } else if ((pick -= 4) < 6) {
      EditTokens(text, TokenEdit::kDelete);
    } else if ((pick -= 6) < 4) {
      EditTokens(text, TokenEdit::kDuplicate);
    } else if ((pick -= 4) < 5) {
      EditTokens(text, TokenEdit::kSwap);
    } else if ((pick -= 5) < 8) {
      EditTokens(text, TokenEdit::kKeyword);
    } else if ((pick -= 8) < 5) {
      Splice(text);
    } else {
      Nest(text);
    }
  }

  void DeleteChars(std::string& text) {
    if (text.empty()) {
      return;
    }
    const size_t at = Below(text.size());
    text.erase(at, OneIn(4) ? 1 + Below(3) : 1);
  }

  void InsertChar(std::string& text) {
    char c = kAlphabet[Below(kAlphabet.size())];
    if (OneIn(16)) {
      c = static_cast<char>(0x80 + Below(0x80));  // A byte that is not ASCII, mostly bad UTF-8.
    }
    text.insert(text.begin() + static_cast<std::ptrdiff_t>(Below(text.size() + 1)), c);
  }

  void InsertSnippet(std::string& text) {
    text.insert(Below(text.size() + 1), kSnippets[Below(kSnippets.size())]);
  }

  void DuplicateRange(std::string& text) {
    if (text.empty()) {
      return;
    }
    const size_t start = Below(text.size());
    const size_t length = 1 + Below(std::min<size_t>(32, text.size() - start));
    const std::string range = text.substr(start, length);
    text.insert(OneIn(2) ? start + length : Below(text.size() + 1), range);
  }

  void Truncate(std::string& text) { text.resize(Below(text.size())); }

  void FlipCase(std::string& text) {
    if (text.empty()) {
      return;
    }
    const size_t start = Below(text.size());
    const size_t end = std::min(text.size(), start + 1 + Below(16));
    for (size_t i = start; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (std::isupper(c) != 0) {
        text[i] = static_cast<char>(std::tolower(c));
      } else if (std::islower(c) != 0) {
        text[i] = static_cast<char>(std::toupper(c));
      }
    }
  }

  // Takes a prefix of `text` and a suffix of another seed statement.
  void Splice(std::string& text) {
    const std::string& other = seeds_[Below(seeds_.size())];
    text = text.substr(0, Below(text.size() + 1)) + other.substr(Below(other.size() + 1));
  }

  void Nest(std::string& text) {
    const std::string_view opener = kNestingOpeners[Below(kNestingOpeners.size())];
    std::string run;
    for (size_t count = 20 + Below(260); count > 0; --count) {
      run += opener;
    }
    text.insert(Below(text.size() + 1), run);
  }

  enum class TokenEdit { kDelete, kDuplicate, kSwap, kKeyword };

  static bool IsWordByte(unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '@' || c >= 0x80;
  }

  static bool IsSpace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  // Cuts `text` into runs of whitespace, runs of word characters and single punctuation
  // characters; joining the pieces gives `text` back.
  static std::vector<std::string> Tokenize(const std::string& text) {
    std::vector<std::string> pieces;
    size_t i = 0;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      size_t end = i + 1;
      if (IsSpace(c)) {
        while (end < text.size() && IsSpace(static_cast<unsigned char>(text[end]))) {
          ++end;
        }
      } else if (IsWordByte(c)) {
        while (end < text.size() && IsWordByte(static_cast<unsigned char>(text[end]))) {
          ++end;
        }
      }
      pieces.push_back(text.substr(i, end - i));
      i = end;
    }
    return pieces;
  }

  void EditTokens(std::string& text, TokenEdit edit) {
    std::vector<std::string> pieces = Tokenize(text);
    std::vector<size_t> tokens;  // Indexes of the pieces that are not whitespace.
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (!IsSpace(static_cast<unsigned char>(pieces[i][0]))) {
        tokens.push_back(i);
      }
    }
    if (tokens.empty()) {
      return;
    }
    const size_t which = Below(tokens.size());
    const size_t at = tokens[which];
    switch (edit) {
      case TokenEdit::kDelete:
        pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(at));
        break;
      case TokenEdit::kDuplicate:
        pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(at) + 1, {" ", pieces[at]});
        break;
      case TokenEdit::kSwap:
        if (which + 1 < tokens.size()) {
          std::swap(pieces[at], pieces[tokens[which + 1]]);
        }
        break;
      case TokenEdit::kKeyword:
        pieces[at] = kKeywords[Below(kKeywords.size())];
        break;
    }
    text.clear();
    for (const std::string& piece : pieces) {
      text += piece;
    }
  }

  const std::vector<std::string>& seeds_;
  std::mt19937_64 rng_;
};

// ---------------------------------------------------------------------------------------------
// Checking one sample

enum class Result {
  kParsed,
  kSyntaxError,
  kBadSyntaxError,       // A kSyntax error without a usable span.
  kUnexpectedException,  // Another kind of fluxo::Error, or another exception type.
  kRoundTripFailure,     // Printing a parsed statement and parsing it back changes the AST.
};

std::string ResultName(Result result) {
  switch (result) {
    case Result::kParsed:
      return "parsed";
    case Result::kSyntaxError:
      return "syntax error";
    case Result::kBadSyntaxError:
      return "syntax error without a usable span";
    case Result::kUnexpectedException:
      return "unexpected exception";
    case Result::kRoundTripFailure:
      return "round-trip failure";
  }
  return "?";
}

struct Outcome {
  Result result = Result::kParsed;
  std::string detail;
  size_t statements = 0;
};

// Shows `text` on one line: control characters, backslashes and bytes above 0x7E escaped, and
// no more than kMaxShownBytes of it (the seed and the sample index reproduce the whole text).
std::string Escape(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string escaped = "\"";
  for (const char c : text.substr(0, kMaxShownBytes)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      escaped += "\\n";
    } else if (c == '\t') {
      escaped += "\\t";
    } else if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (byte < 0x20 || byte > 0x7E) {
      escaped += "\\x";
      escaped += kHex[byte >> 4];
      escaped += kHex[byte & 0xF];
    } else {
      escaped += c;
    }
  }
  escaped += '"';
  if (text.size() > kMaxShownBytes) {
    escaped += " ... (" + std::to_string(text.size() - kMaxShownBytes) + " more bytes)";
  }
  return escaped;
}

// A syntax error must point into the text: a line that exists, a column and an offset.
bool SpanFits(const Error& error, std::string_view text) {
  if (!error.span().has_value()) {
    return false;
  }
  const SourceSpan& span = *error.span();
  const auto lines = 1 + std::count(text.begin(), text.end(), '\n');
  return span.line >= 1 && span.column >= 1 && span.line <= lines && span.offset >= 0 &&
         static_cast<size_t>(span.offset) <= text.size();
}

Outcome RoundTrip(const ast::Statement& statement) {
  std::string printed;
  try {
    printed = FormatStatement(statement);
  } catch (const std::exception& error) {
    return {Result::kRoundTripFailure, std::string("FormatStatement threw: ") + error.what(), 0};
  }
  try {
    const ast::Statement reparsed = ParseStatement(printed);
    if (!(reparsed == statement)) {
      return {Result::kRoundTripFailure,
              "the AST changed\n  printed:   " + Escape(printed) +
                  "\n  reprinted: " + Escape(FormatStatement(reparsed)),
              0};
    }
  } catch (const std::exception& error) {
    return {Result::kRoundTripFailure,
            "the printed SQL does not parse: " + std::string(error.what()) +
                "\n  printed: " + Escape(printed),
            0};
  }
  return {};
}

Outcome Check(const std::string& text) {
  std::vector<ast::Statement> statements;
  try {
    statements = ParseStatements(text);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kSyntax) {
      return {
          Result::kUnexpectedException,
          "fluxo::Error of kind " + std::string(ErrorKindName(error.kind())) + ": " + error.what(),
          0};
    }
    if (!SpanFits(error, text)) {
      return {Result::kBadSyntaxError, std::string("span outside the text: ") + error.what(), 0};
    }
    return {Result::kSyntaxError, "", 0};
  } catch (const std::exception& error) {
    return {
        Result::kUnexpectedException, std::string(typeid(error).name()) + ": " + error.what(), 0};
  } catch (...) {
    return {Result::kUnexpectedException, "an exception not derived from std::exception", 0};
  }
  for (const ast::Statement& statement : statements) {
    Outcome outcome = RoundTrip(statement);
    if (outcome.result != Result::kParsed) {
      return outcome;
    }
  }
  return {Result::kParsed, "", statements.size()};
}

bool IsFailure(Result result) {
  return result == Result::kBadSyntaxError || result == Result::kUnexpectedException ||
         result == Result::kRoundTripFailure;
}

// Deletes chunks of `text`, halving their size, as long as the result fails the same way.
std::string Minimize(std::string text, Result result) {
  int budget = kMinimizeBudget;
  size_t chunk = std::max<size_t>(1, text.size() / 2);
  while (budget > 0) {
    bool removed = false;
    for (size_t start = 0; start < text.size() && budget > 0; --budget) {
      std::string candidate = text;
      candidate.erase(start, chunk);
      if (Check(candidate).result == result) {
        text = std::move(candidate);
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) {
      if (chunk == 1) {
        break;
      }
      chunk /= 2;
    }
  }
  return text;
}

}  // namespace

TEST_SUITE("fuzz") {
  TEST_CASE("every seed statement parses and survives the round trip") {
    const std::vector<std::string> statements = SeedFileStatements();
    CHECK(statements.size() >= 40);
    CHECK(statements.size() <= 80);
    for (const std::string& statement : statements) {
      const Outcome outcome = Check(statement);
      CHECK_MESSAGE(outcome.result == Result::kParsed,
                    Escape(statement)
                        << ": " << ResultName(outcome.result) << " " << outcome.detail);
      CHECK_MESSAGE(outcome.statements == 1, Escape(statement));
    }
  }

  TEST_CASE("random mutations of the seeds end in an AST or a syntax error") {
    const uint64_t seed = EnvOr("FLUXO_FUZZ_SEED", kDefaultSeed);
    const uint64_t count = EnvOr("FLUXO_FUZZ_COUNT", kDefaultSampleCount);
    MESSAGE("seed " << seed << ", " << count
                    << " samples (override with FLUXO_FUZZ_SEED and FLUXO_FUZZ_COUNT)");
    const std::vector<std::string> seeds = AllSeeds();
    REQUIRE_FALSE(seeds.empty());

    uint64_t parsed = 0;
    uint64_t statements = 0;
    uint64_t syntax_errors = 0;
    uint64_t round_trip_failures = 0;
    uint64_t failures = 0;
    for (uint64_t index = 0; index < count; ++index) {
      const std::string text = Mutator(seeds, seed, index).Sample();
      const Outcome outcome = Check(text);
      switch (outcome.result) {
        case Result::kParsed:
          ++parsed;
          statements += outcome.statements;
          break;
        case Result::kSyntaxError:
          ++syntax_errors;
          break;
        case Result::kRoundTripFailure:
          ++round_trip_failures;
          break;
        default:
          break;
      }
      if (!IsFailure(outcome.result)) {
        continue;
      }
      ++failures;
      if (failures <= kMaxReportedFailures) {
        FAIL_CHECK("sample " << index << " (seed " << seed << "): " << ResultName(outcome.result)
                             << "\n  input:     " << Escape(text) << "\n  minimized: "
                             << Escape(Minimize(text, outcome.result)) << "\n  " << outcome.detail);
      }
    }
    MESSAGE(count << " samples: " << parsed << " parsed (" << statements << " statements), "
                  << syntax_errors << " syntax errors, " << round_trip_failures
                  << " round-trip failures, " << failures << " failures in all");
    CHECK(failures == 0);
  }
}

}  // namespace fluxo::parser
