#pragma once

// Internal to parser/.

#include <exception>
#include <string>

#include "antlr4-runtime.h"

namespace fluxo::parser {

/// Turns the parser's first syntax error into a fluxo::Error of kind kSyntax with the offending
/// token's span and a message in words: what was found ("unexpected 'SECONDZ'") and what was
/// expected ("expected a window unit such as SECONDS"), never raw ANTLR token names.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  /// Listens to `parser`, which it asks for the tokens that could have come next.
  explicit SyntaxErrorListener(antlr4::Parser* parser) : parser_(parser) {}

  void syntaxError(antlr4::Recognizer* recognizer,
                   antlr4::Token* offending_symbol,
                   size_t line,
                   size_t char_position_in_line,
                   const std::string& antlr_message,
                   std::exception_ptr error) override;

 private:
  antlr4::Parser* parser_;
};

}  // namespace fluxo::parser
