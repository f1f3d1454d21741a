#pragma once

// Internal to parser/.

#include <string>
#include <string_view>

#include "antlr4-runtime.h"

namespace fluxo::parser {

/// A character stream that shows the lexer upper-cased ASCII letters, so the grammar's keywords
/// match in any case, while token text keeps the user's spelling (ksqlDB's
/// CaseInsensitiveStream; ANTLR 4.7 has no caseInsensitive option).
class CaseInsensitiveStream : public antlr4::ANTLRInputStream {
 public:
  explicit CaseInsensitiveStream(std::string_view text)
      : antlr4::ANTLRInputStream(std::string(text)) {}

  size_t LA(ssize_t i) override {
    const size_t c = antlr4::ANTLRInputStream::LA(i);
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 'A';
    }
    return c;
  }
};

}  // namespace fluxo::parser
