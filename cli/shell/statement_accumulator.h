#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/statement_splitter.h"

namespace fluxo::cli::shell {

/// Collects the lines a person types until they hold complete statements: a statement is
/// complete at a `;` outside string literals, quoted identifiers and comments (the parser's
/// statement splitter decides). What follows the last `;` waits for the next line, so a
/// statement may span lines and a line may hold several statements.
class StatementAccumulator {
 public:
  /// Appends `line` (without its line break) and returns the statements it completed, in
  /// order, each without its `;`.
  std::vector<parser::StatementText> AddLine(std::string_view line);

  /// Returns true when no unfinished statement is waiting (the shell shows its first prompt,
  /// not the continuation prompt). Whitespace and complete comments count as nothing.
  bool IsEmpty() const { return pending_is_blank_; }

  /// Drops the unfinished statement (Ctrl-C at the prompt).
  void Clear();

  /// The text typed since the last complete statement.
  const std::string& pending() const { return pending_; }

 private:
  std::string pending_;
  bool pending_is_blank_ = true;
};

}  // namespace fluxo::cli::shell
