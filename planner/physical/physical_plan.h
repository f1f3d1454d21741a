#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/catalog/source_description.h"
#include "planner/logical/logical_plan.h"
#include "runtime/core/logical_schema.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::planner {

/// Reads the source topic: deserializes keys and values, takes event time from the TIMESTAMP
/// column or the record timestamp.
struct SourceStep {
  std::string operator_id;  ///< Stable across restarts: "<query id>.Source".
  SourceDescription source;
  /// ksql.timestamp.throw.on.invalid: a record whose TIMESTAMP column is NULL or unreadable
  /// fails the query instead of being skipped.
  bool throw_on_invalid_timestamp = false;
};

/// WHERE: keeps rows whose predicate is TRUE; drops null-valued records.
struct FilterStep {
  std::string operator_id;
  expr::BoundExpressionPtr predicate;
  /// The rows are a changelog with the old rows (a table-table join's): a key is deleted only
  /// when its old row passed.
  bool changelog = false;
};

/// Computes a new row layout from the input row: the projection, or the re-keying of
/// PARTITION BY (whose output goes to a repartition topic once queries run on Kafka).
struct SelectStep {
  std::string operator_id;
  std::vector<ProjectedColumn> columns;  ///< In `schema` order.
  LogicalSchema schema;
  LogicalSchema input_schema;  ///< The rows it reads.
};

/// Turns a table's upserts and tombstones into explicit changes (insert, update-before and
/// update-after, delete with the old values) by keeping the table's current rows in a state
/// store, so that an aggregation can take a replaced row out of its old group.
struct TableChangesStep {
  std::string operator_id;
  std::string store_name;  ///< Stable across restarts: "<query id>.TableChanges.Reduce".
  LogicalSchema schema;    ///< The table's rows (key columns first).
};

/// GROUP BY [WINDOW] [HAVING]: folds rows into per-group (and per-window) aggregate states
/// kept in a state store and emits each changed group's row (LogicalAggregation).
struct AggregateStep {
  std::string operator_id;
  std::string store_name;  ///< Stable across restarts: "<query id>.Aggregate.Materialize".
  LogicalAggregation aggregation;
  LogicalSchema input_schema;
  /// ksqlDB's record cache (on unless `cache.max.bytes.buffering` is 0): with EMIT CHANGES, a
  /// group's changes between two commits collapse into one row, emitted at the commit. Off:
  /// one row per change, as soon as it happens.
  bool collapse_changes = false;
};

/// Where pull queries find a TABLE result's current rows. Normally the rows are kept
/// (runtime MaterializedTable) in a state store of their own, written right before the sink, so
/// that it holds exactly what the sink writes. A GROUP BY with EMIT CHANGES and a TUMBLING,
/// HOPPING or no window keeps them already, as group states in its own store: then
/// (`from_aggregate`) nothing is stored twice, and a pull query turns those states into rows
/// (runtime AggregateTableReader), as ksqlDB reads an aggregation's store.
struct MaterializeStep {
  std::string operator_id;  ///< "<query id>.Materialize".
  /// Stable across restarts: "<query id>.Materialize.Rows", or with from_aggregate the
  /// aggregation's store.
  std::string store_name;
  LogicalSchema schema;         ///< The result's rows (the sink's schema, key columns first).
  bool windowed = false;        ///< The result's keys carry windows.
  bool from_aggregate = false;  ///< The rows are read from the aggregation's store.
};

/// Re-keys rows by `keys` for the step after it (a join or a GROUP BY whose key is not the
/// source's key). When the query runs on Kafka with a service id, the rows go to the internal
/// topic `<service.id>-<query id>-<name>-repartition`, keyed by the new key, and the query
/// reads them back as one more input; otherwise the next step reads them in-process.
struct RepartitionStep {
  std::string operator_id;  ///< "<query id>.LeftRepartition", "<query id>.GroupByRepartition".
  std::string name;  ///< In the topic name, as ksqlDB names it: "Join-left", "Aggregate-GroupBy".
  /// The new key, over the rows (`schema`): one expression (a join key), or the GROUP BY's.
  std::vector<expr::BoundExpressionPtr> keys;
  LogicalSchema schema;  ///< The rows written and read back.
};

/// Reads one source of a join query and turns its rows into the side rows of the join
/// (LogicalJoinInput).
struct JoinInputStep {
  SourceStep source;
  SelectStep prepare;
  /// A stream whose join key is not its key: its side rows are re-keyed by the join key.
  std::optional<RepartitionStep> repartition;
};

/// One join of a join query (LogicalJoin), with its state stores named from `operator_id`
/// ("<query id>.Join", "<query id>.Join2", ...): the rows each side keeps (a window store per
/// stream, a key-value store per table) and the unmatched rows waiting for their window to
/// close.
struct JoinStep {
  std::string operator_id;
  LogicalJoin join;
  LogicalSchema left_schema;   ///< The left input's rows.
  LogicalSchema right_schema;  ///< The right input's rows.
};

/// Serializes rows into the sink topic.
struct SinkStep {
  std::string operator_id;
  SourceDescription sink;
};

/// A persistent query as steps (ksqlDB's ExecutionStep): plain data, printable by EXPLAIN and
/// turned into running operators by runtime::BuildPipeline. Step names carry their version so
/// persisted plans can be checked after an upgrade.
struct PhysicalPlan {
  std::string query_id;
  SourceStep source;
  /// FROM ... JOIN ...: every source (the first is `source`) and the joins. The first join
  /// reads the first input, each later join the previous join's rows.
  std::vector<JoinInputStep> join_inputs;
  std::vector<JoinStep> joins;
  std::optional<FilterStep> filter;
  std::optional<SelectStep> repartition;
  std::optional<TableChangesStep> table_changes;  ///< Before an aggregation of a table.
  /// Before the aggregation of a query without joins whose GROUP BY is not its source's key
  /// (after WHERE and, for a table, its changes): "Aggregate-GroupBy".
  std::optional<RepartitionStep> group_by_repartition;
  std::optional<AggregateStep> aggregate;
  SelectStep projection;
  std::optional<MaterializeStep> materialize;  ///< When the result is a TABLE.
  SinkStep sink;
  bool creates_sink = true;
  int32_t sink_partitions = 1;
};

/// Turns a logical plan into its physical steps (STYLE.md §2, hop 3).
PhysicalPlan PlanPhysical(const LogicalPlan& logical, const std::string& query_id);

/// Returns EXPLAIN's text: one line per step from the sink down, with schemas, topics and
/// formats, e.g.
///   > [ SINK ] | topic: OUTPUT | key: KAFKA | value: JSON | schema: `ID` INTEGER KEY, ...
std::string ExplainPlan(const PhysicalPlan& plan);

/// Prints a schema as ksqlDB does: "`ID` INTEGER KEY, `NAME` STRING".
std::string DescribeSchema(const LogicalSchema& schema);

}  // namespace fluxo::planner
