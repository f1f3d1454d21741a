#pragma once

#include <vector>

#include "parser/ast/expression.h"

namespace fluxo::planner {

/// Returns true when `expression` calls an aggregate function (COUNT, SUM, ...).
bool IsAggregateCall(const ast::Expression& expression);

/// Adds to `calls` each aggregate call in `expression` that is not there yet (structural
/// equality: `COUNT(*)` twice is one call). Throws ksqlDB's "Aggregate functions can not be
/// nested" error for an aggregate inside another's arguments.
void CollectAggregateCalls(const ast::Expression& expression,
                           std::vector<const ast::Expression*>& calls);

}  // namespace fluxo::planner
