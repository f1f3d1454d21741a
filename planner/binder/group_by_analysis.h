#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parser/ast/query.h"
#include "runtime/core/logical_schema.h"
#include "runtime/core/source_span.h"
#include "runtime/window/window_spec.h"

namespace fluxo::planner {

// The AST-level rules of an aggregating query (before anything is bound): which expressions
// are window bounds or grouped, ksqlDB's WINDOW clause as a WindowSpec, the SELECT list with
// `*` expanded, and how ksqlDB prints expressions in its messages.

/// Returns true for an unqualified WINDOWSTART or WINDOWEND reference.
bool IsWindowBound(const ast::Expression& expression);

/// Throws ksqlDB's error when a window bound appears anywhere in `expression` (GROUP BY,
/// HAVING and aggregate arguments may not use them).
void RejectWindowBounds(const ast::Expression& expression);

/// Returns ksqlDB's WINDOW clause as a window, or nothing without one.
std::optional<window::WindowSpec> BindWindow(const std::optional<ast::WindowSpec>& window);

/// One SELECT item as an expression: `*` becomes one column reference per input column.
struct SelectExpression {
  ast::Expression expression;
  std::optional<std::string> alias;
  SourceSpan span;
};

/// Drops the `alias.` qualifier of column references in `expression`: after it, `T.COL` and
/// `COL` compare equal.
void StripQualifier(ast::Expression& expression, const std::string& alias);

/// Returns the SELECT items of `query` over `input` with `*` expanded and the source's
/// qualifier dropped. Throws for `->*`, which an aggregation does not support.
std::vector<SelectExpression> ExpandSelect(const ast::Query& query,
                                           const LogicalSchema& input,
                                           const std::string& alias);

/// Returns an expression as ksqlDB's messages print it: arithmetic in parentheses,
/// "(F1 + F2)".
std::string MessageText(const ast::Expression& expression);

/// Joins names as "A, B and C" (with `last_separator` before the last).
std::string JoinNames(const std::vector<std::string>& names, const char* last_separator);

/// Adds to `ungrouped` every column reference in `expression` that is neither inside an
/// aggregate call nor inside one of the `grouped` expressions (window bounds are fine when
/// `windowed`).
void CollectUngrouped(const ast::Expression& expression,
                      const std::vector<ast::Expression>& grouped,
                      bool windowed,
                      std::vector<const ast::Expression*>& ungrouped);

}  // namespace fluxo::planner
