#pragma once

#include <string>
#include <vector>

#include "parser/ast/query.h"
#include "planner/binder/bind_query.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// Binds the query part of CREATE ... AS SELECT, INSERT INTO ... SELECT and push queries: the
/// source (or joins), WHERE, PARTITION BY or GROUP BY with WINDOW and HAVING, and the
/// projection with ksqlDB's naming and key rules, into a LogicalPlan whose sink the caller
/// fills in (bind_sinks.cpp). `sink_name` names the result in key errors; a `transient` (push)
/// query need not select the key columns.
LogicalPlan BindSelect(const ast::Query& query,
                       const Catalog& catalog,
                       const functions::FunctionRegistry& functions,
                       const std::string& sink_name,
                       const QueryBindOptions& options,
                       bool transient);

/// Moves the key columns of `projection` to the front, each group keeping its order, as the
/// schema stores them; returns the select order (LogicalPlan::select_order).
std::vector<size_t> MoveKeysFirst(std::vector<ProjectedColumn>& projection);

}  // namespace fluxo::planner
