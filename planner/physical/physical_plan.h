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
};

/// WHERE: keeps rows whose predicate is TRUE; drops null-valued records.
struct FilterStep {
  std::string operator_id;
  expr::BoundExpressionPtr predicate;
};

/// Computes a new row layout from the input row: the projection, or the re-keying of
/// PARTITION BY (whose output goes to a repartition topic once queries run on Kafka).
struct SelectStep {
  std::string operator_id;
  std::vector<ProjectedColumn> columns;  ///< In `schema` order.
  LogicalSchema schema;
  LogicalSchema input_schema;  ///< The rows it reads.
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
  std::optional<FilterStep> filter;
  std::optional<SelectStep> repartition;
  SelectStep projection;
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
