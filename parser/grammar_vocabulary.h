#pragma once

// Internal to parser/: facts about the grammar's tokens, derived from the generated lexer and
// parser so that they never drift from grammar/Sql.g4.

#include <string>
#include <string_view>
#include <unordered_map>

#include "antlr4-runtime.h"

namespace fluxo::parser {

/// Token sets that the error messages and the identifier printer need, computed once from the
/// grammar's ATN and vocabulary.
struct GrammarVocabulary {
  antlr4::misc::IntervalSet non_reserved;            ///< Keywords usable as plain names.
  antlr4::misc::IntervalSet expression_start;        ///< Tokens that can begin an expression.
  antlr4::misc::IntervalSet time_units;              ///< SECOND, SECONDS, ...
  antlr4::misc::IntervalSet name_tokens;             ///< IDENTIFIER, quoted identifiers, VARIABLE.
  std::unordered_map<std::string, size_t> keywords;  ///< "SELECT" -> token type.
  const antlr4::dfa::Vocabulary* vocabulary = nullptr;

  /// Returns the facts, computing them on first use (thread-safe).
  static const GrammarVocabulary& Get();

  /// Returns how a token type reads in an error message: SELECT, '(', a string, end of input.
  std::string Describe(size_t token_type) const;
};

}  // namespace fluxo::parser
