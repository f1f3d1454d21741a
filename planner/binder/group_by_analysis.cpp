#include "planner/binder/group_by_analysis.h"

#include <algorithm>
#include <utility>

#include "parser/ast/expression_children.h"
#include "parser/sql_formatter.h"
#include "planner/binder/aggregate_calls.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

}  // namespace

bool IsWindowBound(const ast::Expression& expression) {
  const auto* column = expression.As<ast::ColumnReference>();
  return column != nullptr && !column->qualifier.has_value() &&
         (column->name.value == "WINDOWSTART" || column->name.value == "WINDOWEND");
}

// Throws ksqlDB's error when a window bound appears anywhere in `expression` (GROUP BY,
// HAVING and aggregate arguments may not use them).
void RejectWindowBounds(const ast::Expression& expression) {
  if (IsWindowBound(expression)) {
    Fail("Window bounds column " + expression.As<ast::ColumnReference>()->name.value +
             " can only be used in the SELECT clause of windowed aggregations",
         expression.span);
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    RejectWindowBounds(*child);
  }
}

std::optional<window::WindowSpec> BindWindow(const std::optional<ast::WindowSpec>& window) {
  if (!window.has_value()) {
    return std::nullopt;
  }
  std::optional<int64_t> grace;
  std::optional<int64_t> retention;
  if (window->grace.has_value()) {
    grace = window->grace->Millis();
  }
  if (window->retention.has_value()) {
    retention = window->retention->Millis();
  }
  switch (window->kind) {
    case ast::WindowKind::kTumbling:
      return window::WindowSpec::Tumbling(window->size.Millis(), grace, retention);
    case ast::WindowKind::kHopping:
      return window::WindowSpec::Hopping(
          window->size.Millis(),
          window->advance.has_value() ? window->advance->Millis() : window->size.Millis(),
          grace,
          retention);
    case ast::WindowKind::kSession:
      return window::WindowSpec::Session(window->size.Millis(), grace, retention);
  }
  return std::nullopt;
}

// Drops the `alias.` qualifier of column references in `expression`.
void StripQualifier(ast::Expression& expression, const std::string& alias) {
  if (auto* column = std::get_if<ast::ColumnReference>(&expression.node)) {
    if (column->qualifier.has_value() && column->qualifier->value == alias) {
      column->qualifier.reset();
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    StripQualifier(const_cast<ast::Expression&>(*child), alias);  // Children of a mutable node.
  }
}

std::vector<SelectExpression> ExpandSelect(const ast::Query& query,
                                           const LogicalSchema& input,
                                           const std::string& alias) {
  std::vector<SelectExpression> items;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.kind == ast::SelectItemKind::kAll || item.kind == ast::SelectItemKind::kAllOf) {
      for (const Column& column : input.columns()) {
        ast::ColumnReference reference;
        reference.name.value = column.name;
        ast::Expression expression;
        expression.node = std::move(reference);
        expression.span = item.span;
        items.push_back({std::move(expression), std::nullopt, item.span});
      }
    } else if (item.kind == ast::SelectItemKind::kStructAll) {
      Fail("->* is not supported in an aggregation", item.span);
    } else {
      std::optional<std::string> name;
      if (item.alias.has_value()) {
        name = item.alias->value;
      }
      items.push_back({*item.expression, name, item.span});
      StripQualifier(items.back().expression, alias);
    }
  }
  return items;
}

// An expression as ksqlDB's messages print it: arithmetic in parentheses, "(F1 + F2)".
std::string MessageText(const ast::Expression& expression) {
  const std::string text = parser::FormatExpression(expression);
  return expression.Is<ast::ArithmeticBinary>() ? "(" + text + ")" : text;
}

std::string JoinNames(const std::vector<std::string>& names, const char* last_separator) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : (i + 1 == names.size() ? last_separator : ", ")) + names[i];
  }
  return text;
}

// Adds to `ungrouped` every column reference in `expression` that is neither inside an
// aggregate call nor inside a GROUP BY expression (window bounds are fine when windowed).
void CollectUngrouped(const ast::Expression& expression,
                      const std::vector<ast::Expression>& group_by,
                      bool windowed,
                      std::vector<const ast::Expression*>& ungrouped) {
  if (std::find(group_by.begin(), group_by.end(), expression) != group_by.end() ||
      IsAggregateCall(expression)) {
    return;
  }
  if (expression.Is<ast::ColumnReference>()) {
    if (!(windowed && IsWindowBound(expression))) {
      ungrouped.push_back(&expression);
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    CollectUngrouped(*child, group_by, windowed, ungrouped);
  }
}
}  // namespace fluxo::planner
