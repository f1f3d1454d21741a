#pragma once

#include <string>
#include <vector>

#include "parser/ast/query.h"
#include "planner/binder/expression_scope.h"
#include "planner/binder/flink_window.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"
#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// Returns true when `query` aggregates: it has GROUP BY, or an aggregate function call in
/// SELECT or HAVING.
bool IsAggregation(const ast::Query& query);

/// A GROUP BY query after binding: the aggregation, and the projection over the rows it emits.
struct BoundAggregation {
  LogicalAggregation aggregation;
  std::vector<ProjectedColumn> projection;  ///< Key columns first, in GROUP BY order.
  std::vector<size_t> select_order;         ///< As LogicalPlan::select_order.
};

/// Binds WINDOW, GROUP BY, the aggregate calls, HAVING and the SELECT list of an aggregating
/// query over `input` (the source's rows after WHERE), with ksqlDB's rules and messages: every
/// GROUP BY expression is selected exactly once (it names the key column), every other
/// selected column is inside an aggregate or a GROUP BY expression, aggregates do not nest
/// and are not grouped by, WINDOWSTART / WINDOWEND appear only in the SELECT list of a
/// windowed aggregation, and a table is aggregated only with functions that can undo. A
/// window in Flink's syntax (`flink_window`, already taken out of the query's GROUP BY) sets
/// the window, EMIT FINAL unless the query says EMIT CHANGES, and what TUMBLE_START / window_start
/// stand for. `input_scope`, when given, is how expressions name the input's columns (a
/// join's rows, whose columns belong to several sources); else they are `source_alias`'s.
BoundAggregation BindAggregation(const ast::Query& query,
                                 const LogicalSchema& input,
                                 const std::string& source_alias,
                                 bool table_input,
                                 const Catalog& catalog,
                                 const functions::FunctionRegistry& functions,
                                 const std::string& sink_name,
                                 const aggregates::AggregateConfig& config,
                                 const std::optional<FlinkWindow>& flink_window = std::nullopt,
                                 const ExpressionScope* input_scope = nullptr);

}  // namespace fluxo::planner
