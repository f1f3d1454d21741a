#pragma once

#include <cstdint>

namespace fluxo {

/// Says where a piece of SQL text came from: a 1-based line and column and a 0-based offset,
/// all counted in code points from the start of the whole script, plus the length in code
/// points. Front ends use it to print `line:column` and a caret under the text at fault.
struct SourceSpan {
  int32_t line = 0;
  int32_t column = 0;
  int32_t offset = 0;
  int32_t length = 0;

  /// Returns true when the span points at real text (the parser set it).
  bool IsKnown() const { return line > 0; }

  bool operator==(const SourceSpan&) const = default;
};

}  // namespace fluxo
