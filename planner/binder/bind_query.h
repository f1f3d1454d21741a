#pragma once

#include <string>

#include "parser/ast/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// Binds CREATE STREAM ... AS SELECT into a logical plan: the source, WHERE, PARTITION BY and
/// the projection with ksqlDB's naming (aliases, KSQL_COL_n, key columns from the projection),
/// and a new sink that inherits the source's formats unless WITH says otherwise. Stateless
/// queries only for now: GROUP BY, WINDOW, joins and CREATE TABLE AS SELECT are kPlanning errors
/// that say so. `source_partitions` is the source topic's partition count (the sink's default).
LogicalPlan BindCreateSourceAs(const ast::CreateSourceAs& create,
                               const Catalog& catalog,
                               const functions::FunctionRegistry& functions,
                               const std::string& statement_text,
                               int32_t source_partitions);

/// Binds INSERT INTO target SELECT ...: as above, writing into the existing stream `target`,
/// whose columns the query's output must match.
LogicalPlan BindInsertInto(const ast::InsertInto& insert,
                           const Catalog& catalog,
                           const functions::FunctionRegistry& functions);

}  // namespace fluxo::planner
