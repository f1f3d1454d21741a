#pragma once

#include <string>

#include "parser/ast/data_type.h"
#include "parser/ast/expression.h"
#include "parser/ast/statement.h"

namespace fluxo::parser {

/// Prints a statement as canonical SQL, without a trailing `;`: keywords in upper case,
/// identifiers back-quoted only when needed, one space between tokens, parentheses only where
/// precedence needs them. Parsing the result gives back an equal AST.
std::string FormatStatement(const ast::Statement& statement);

/// Prints an expression as canonical SQL (see FormatStatement).
std::string FormatExpression(const ast::Expression& expression);

/// Prints a data type: `INT`, `DECIMAL(10, 2)`, `ARRAY<STRING>`, `STRUCT<A INT, B STRING>`.
std::string FormatDataType(const ast::DataType& type);

/// Prints a name, back-quoted (with inner back-quotes doubled) unless it is a plain identifier.
std::string FormatIdentifier(const ast::Identifier& identifier);

/// Quotes a string as an SQL literal: `it's` -> `'it''s'`.
std::string QuoteString(std::string_view value);

}  // namespace fluxo::parser
