#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/source_span.h"

namespace fluxo::parser {

/// The text of one statement cut from a script, without its terminating `;`, with the span of
/// that text in the script (line, column and offset in code points; length in code points).
struct StatementText {
  std::string text;
  SourceSpan span;
};

/// The statements found in a script plus what follows the last `;`.
struct SplitScript {
  std::vector<StatementText> statements;  ///< Each ended by a `;`; blank ones are dropped.
  std::string remainder;                  ///< Text after the last `;`, as is.
  bool remainder_is_blank = true;         ///< True when the remainder holds only whitespace
                                          ///< and comments (nothing left to run).
};

/// Cuts a script at each `;` that is not inside a string literal, a quoted identifier or a
/// comment. Used by the shell (a statement runs once its `;` is typed) and by the file runner.
/// Never throws: an unterminated string or comment simply stays in the remainder.
SplitScript SplitStatements(std::string_view script);

}  // namespace fluxo::parser
