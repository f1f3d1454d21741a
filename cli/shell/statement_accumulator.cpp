#include "cli/shell/statement_accumulator.h"

namespace fluxo::cli::shell {

std::vector<parser::StatementText> StatementAccumulator::AddLine(std::string_view line) {
  if (!pending_.empty()) {
    pending_ += '\n';  // Ends a `--` comment on the previous line, as the terminal did.
  }
  pending_ += line;
  parser::SplitScript split = parser::SplitStatements(pending_);
  if (split.remainder_is_blank) {
    pending_.clear();
  } else {
    pending_ = std::move(split.remainder);
  }
  pending_is_blank_ = split.remainder_is_blank;
  return std::move(split.statements);
}

void StatementAccumulator::Clear() {
  pending_.clear();
  pending_is_blank_ = true;
}

}  // namespace fluxo::cli::shell
