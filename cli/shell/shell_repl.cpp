#include "cli/shell/shell_repl.h"

#include <cctype>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/shell/output_format.h"
#include "cli/shell/statement_accumulator.h"

namespace fluxo::cli::shell {
namespace {

/// Splits a line into lower-cased words, dropping one trailing `;`.
std::vector<std::string> CommandWords(std::string_view line) {
  std::string text(line);
  const size_t last = text.find_last_not_of(" \t\r");
  if (last != std::string::npos && text[last] == ';') {
    text.erase(last);
  }
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return words;
}

const char* FormatName(OutputFormat format) {
  return format == OutputFormat::kJson ? "JSON" : "TABULAR";
}

/// What a line that is a shell command asks for.
enum class CommandOutcome { kNotACommand, kHandled, kExit };

CommandOutcome RunCommand(std::string_view line, ShellSession& session, std::ostream& out) {
  const std::vector<std::string> words = CommandWords(line);
  if (words.size() == 1 && (words[0] == "exit" || words[0] == "quit")) {
    return CommandOutcome::kExit;
  }
  if (words.empty() || words[0] != "output" || words.size() > 2) {
    return CommandOutcome::kNotACommand;
  }
  if (words.size() == 2) {
    const std::optional<OutputFormat> format = ParseOutputFormat(words[1]);
    if (!format.has_value()) {
      out << "Output format must be TABULAR or JSON, not '" << words[1] << "'\n";
      return CommandOutcome::kHandled;
    }
    session.set_format(*format);
  }
  out << "Output format: " << FormatName(session.format()) << "\n";
  return CommandOutcome::kHandled;
}

}  // namespace

int RunRepl(LineReader& reader, ShellSession& session, std::ostream& out, bool interactive) {
  StatementAccumulator accumulator;
  bool failed = false;
  while (true) {
    const InputLine input = reader.ReadLine(accumulator.IsEmpty() ? kPrompt : kContinuationPrompt);
    if (input.status == InputLine::Status::kEnd) {
      if (interactive) {
        out << "\n" << std::flush;  // Leave the terminal on a fresh line after Ctrl-D.
      }
      break;
    }
    if (input.status == InputLine::Status::kInterrupted) {
      if (!interactive) {
        return kExitInterrupted;
      }
      accumulator.Clear();
      continue;
    }
    if (accumulator.IsEmpty()) {
      const CommandOutcome outcome = RunCommand(input.text, session, out);
      if (outcome == CommandOutcome::kExit) {
        break;
      }
      if (outcome == CommandOutcome::kHandled) {
        continue;
      }
    }
    for (const parser::StatementText& statement : accumulator.AddLine(input.text)) {
      failed = !session.RunStatement(statement.text) || failed;
    }
  }
  out << std::flush;
  return failed && !interactive ? 1 : 0;
}

}  // namespace fluxo::cli::shell
