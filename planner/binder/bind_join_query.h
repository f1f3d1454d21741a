#pragma once

#include <string>

#include "parser/ast/query.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"
#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// Binds a query whose FROM has JOINs in ksqlDB's clause order: the joins (BindJoins), WHERE
/// over the joined rows, then PARTITION BY, or GROUP BY with its aggregation, or the join
/// projection (BindJoinProjection). The plan's `source` is the first source and its
/// `source_schema` the joined rows. A transient (push) query need not select its key. Throws
/// fluxo::Error with ksqlDB's messages.
LogicalPlan BindJoinQuery(const ast::Query& query,
                          const Catalog& catalog,
                          const functions::FunctionRegistry& functions,
                          const std::string& sink_name,
                          const aggregates::AggregateConfig& aggregate_config,
                          bool transient);

}  // namespace fluxo::planner
