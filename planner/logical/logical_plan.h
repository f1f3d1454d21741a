#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/catalog/source_description.h"
#include "planner/logical/logical_join.h"
#include "planner/logical/projected_column.h"
#include "runtime/aggregates/aggregate_function.h"
#include "runtime/core/logical_schema.h"
#include "runtime/expr/bound_expression.h"
#include "runtime/window/window_spec.h"

namespace fluxo::planner {

/// One aggregate call of a GROUP BY query, e.g. SUM(PRICE * 2): the function made for its
/// argument types, and the arguments evaluated per input row.
struct AggregateCall {
  std::shared_ptr<const aggregates::AggregateFunction> function;
  std::vector<expr::BoundExpressionPtr> arguments;  ///< function->num_column_arguments() of them.
};

/// GROUP BY [WINDOW] [HAVING]: rows are grouped by the key expressions (and by window), each
/// group folds its rows into aggregate states, and every change of a group emits its row:
/// the key columns, one column per aggregate call (KSQL_AGG_VARIABLE_<n>), then WINDOWSTART
/// and WINDOWEND for a windowed aggregation. HAVING filters those rows; the projection reads
/// them.
struct LogicalAggregation {
  std::vector<ProjectedColumn> group_by;  ///< Key columns, computed from the input row.
  std::vector<AggregateCall> aggregates;
  std::optional<window::WindowSpec> window;
  bool emit_final = false;  ///< EMIT FINAL: one row per window once it closes.
  /// Flink's group windows: EMIT FINAL emits every window the watermark closes, also one that
  /// stream time jumped past by more than the retention, which ksqlDB purges unemitted.
  bool emit_expired_windows = false;
  bool table_input = false;         ///< The input is a table's changelog: replaced rows are undone.
  LogicalSchema schema;             ///< The rows it emits (described above).
  expr::BoundExpressionPtr having;  ///< Over `schema`, or nullptr.
};

/// Where a persistent query writes: a new sink (CREATE ... AS SELECT) or an existing stream
/// (INSERT INTO).
struct LogicalSink {
  SourceDescription description;  ///< The sink as the catalog will know it.
  bool creates_source = true;     ///< False for INSERT INTO.
  int32_t partitions = 1;         ///< For the topic, when it has to be created.
};

/// A continuous query in ksqlDB's clause order: source -> WHERE -> PARTITION BY or GROUP BY
/// (with WINDOW and HAVING) -> SELECT -> sink (STYLE.md §2). Each stage's output schema is
/// recorded so the physical planner and EXPLAIN need not recompute it.
struct LogicalPlan {
  SourceDescription source;
  std::string source_alias;
  LogicalSchema source_schema;  ///< Rows as read: the source's columns (a join's rows).

  /// FROM ... JOIN ...: every source (the first is `source`) and the joins, left-deep. When
  /// set, `source_schema` is the last join's rows and WHERE, PARTITION BY, GROUP BY and the
  /// projection read them.
  std::vector<LogicalJoinInput> join_inputs;
  std::vector<LogicalJoin> joins;

  expr::BoundExpressionPtr filter;  ///< WHERE, or nullptr.

  /// PARTITION BY: the new key columns; the old key columns move to the value.
  std::optional<std::vector<ProjectedColumn>> repartition;
  LogicalSchema repartitioned_schema;  ///< Rows after PARTITION BY (= source_schema without it).

  std::optional<LogicalAggregation> aggregation;  ///< GROUP BY; the projection reads its rows.

  std::vector<ProjectedColumn> projection;
  LogicalSchema output_schema;
  /// The projection index of each SELECT column, in SELECT order (`*` expanded): the
  /// projection puts key columns first, while Flink's INSERT INTO matches a sink's columns to
  /// the SELECT list by position. Empty when the projection is in SELECT order.
  std::vector<size_t> select_order;

  LogicalSink sink;
};

}  // namespace fluxo::planner
