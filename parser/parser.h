#pragma once

#include <string_view>
#include <vector>

#include "parser/ast/expression.h"
#include "parser/ast/statement.h"

namespace fluxo::parser {

/// Deepest nesting of parentheses, brackets, CASE and prefix operators that the parser accepts.
/// Deeper input is a syntax error instead of a stack overflow.
inline constexpr int kMaxNestingDepth = 200;

/// Parses a script of zero or more statements separated by `;` (the last `;` is optional).
/// Throws fluxo::Error of kind kSyntax, with the span of the offending token, on the first
/// error. Spans count lines, columns and offsets from the start of `text`.
std::vector<ast::Statement> ParseStatements(std::string_view text);

/// Parses exactly one statement (a trailing `;` is allowed). Throws like ParseStatements, and
/// also when the text holds no statement or more than one.
ast::Statement ParseStatement(std::string_view text);

/// Parses a single expression, e.g. "PRICE * 2 > 10". Throws like ParseStatements.
ast::Expression ParseExpression(std::string_view text);

}  // namespace fluxo::parser
