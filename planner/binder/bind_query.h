#pragma once

#include <string>
#include <string_view>

#include "parser/ast/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"
#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// Session settings that change how a query binds.
struct QueryBindOptions {
  /// ksql.new.query.planner.enabled: key columns keep the projection's order, and a stream
  /// query that selects none of them has a keyless result instead of failing.
  bool new_query_planner = false;
  /// ksql.functions.collect_list.limit and the other settings of aggregate functions.
  aggregates::AggregateConfig aggregates;
  /// ksql.persistence.default.format.key: the key format a result gets when its source had
  /// no key (a keyless stream re-keyed by PARTITION BY or a join).
  FormatKind default_key_format = FormatKind::kKafka;
};

/// The prefix of the topic a push query's results go to (`_fluxo-transient-<query id>`).
inline constexpr std::string_view kTransientTopicPrefix = "_fluxo-transient-";

/// Binds a push query (`SELECT ... EMIT CHANGES|FINAL`, or Flink's continuous `SELECT` over a
/// stream) into a plan whose sink is the internal topic `_fluxo-transient-<query id>`, written
/// as JSON keys and values, which the engine reads back for the client. Nothing is added to
/// the catalog, and the projection need not include the key columns (as in ksqlDB).
LogicalPlan BindPushQuery(const ast::Query& query,
                          const Catalog& catalog,
                          const functions::FunctionRegistry& functions,
                          const std::string& query_id,
                          const QueryBindOptions& options = {});

/// Binds CREATE STREAM ... AS SELECT into a logical plan: the source, WHERE, PARTITION BY and
/// the projection with ksqlDB's naming (aliases, KSQL_COL_n, key columns from the projection),
/// and a new sink that inherits the source's formats unless WITH says otherwise. Stateless
/// queries only for now: GROUP BY, WINDOW, joins and CREATE TABLE AS SELECT are kPlanning errors
/// that say so. `source_partitions` is the source topic's partition count (the sink's default).
LogicalPlan BindCreateSourceAs(const ast::CreateSourceAs& create,
                               const Catalog& catalog,
                               const functions::FunctionRegistry& functions,
                               const std::string& statement_text,
                               int32_t source_partitions,
                               const QueryBindOptions& options = {});

/// Binds INSERT INTO target SELECT ...: as above, writing into the existing stream `target`,
/// whose columns the query's output must match.
LogicalPlan BindInsertInto(const ast::InsertInto& insert,
                           const Catalog& catalog,
                           const functions::FunctionRegistry& functions,
                           const QueryBindOptions& options = {});

}  // namespace fluxo::planner
