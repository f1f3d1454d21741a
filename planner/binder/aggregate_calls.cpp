#include "planner/binder/aggregate_calls.h"

#include <algorithm>

#include "parser/ast/expression_children.h"
#include "parser/sql_formatter.h"
#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

bool IsAggregateCall(const ast::Expression& expression) {
  const auto* call = expression.As<ast::FunctionCall>();
  return call != nullptr && aggregates::AggregateRegistry::BuiltIn().Contains(call->name.value);
}

void CollectAggregateCalls(const ast::Expression& expression,
                           std::vector<const ast::Expression*>& calls) {
  if (IsAggregateCall(expression)) {
    for (const ast::Expression* argument : ast::ChildrenOf(expression)) {
      std::vector<const ast::Expression*> nested;
      CollectAggregateCalls(*argument, nested);
      if (!nested.empty()) {
        throw Error(
            ErrorKind::kPlanning,
            "Aggregate functions can not be nested: " + parser::FormatExpression(expression),
            expression.span);
      }
    }
    const bool seen = std::any_of(calls.begin(), calls.end(), [&](const ast::Expression* call) {
      return *call == expression;
    });
    if (!seen) {
      calls.push_back(&expression);
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    CollectAggregateCalls(*child, calls);
  }
}

}  // namespace fluxo::planner
