#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/catalog/source_description.h"
#include "runtime/core/logical_schema.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::planner {

/// One output column of a projection (or a new key of PARTITION BY): its name, where it goes
/// (key or value) and how it is computed from the input row.
struct ProjectedColumn {
  std::string name;
  expr::BoundExpressionPtr expression;
  ColumnNamespace column_namespace = ColumnNamespace::kValue;
};

/// Where a persistent query writes: a new sink (CREATE ... AS SELECT) or an existing stream
/// (INSERT INTO).
struct LogicalSink {
  SourceDescription description;  ///< The sink as the catalog will know it.
  bool creates_source = true;     ///< False for INSERT INTO.
  int32_t partitions = 1;         ///< For the topic, when it has to be created.
};

/// A stateless continuous query in ksqlDB's clause order: source -> WHERE -> PARTITION BY ->
/// SELECT -> sink (STYLE.md §2). Each stage's output schema is recorded so the physical
/// planner and EXPLAIN need not recompute it. Aggregations, windows and joins extend this in
/// the stateful issue.
struct LogicalPlan {
  SourceDescription source;
  std::string source_alias;
  LogicalSchema source_schema;  ///< Rows as read: the source's columns.

  expr::BoundExpressionPtr filter;  ///< WHERE, or nullptr.

  /// PARTITION BY: the new key columns; the old key columns move to the value.
  std::optional<std::vector<ProjectedColumn>> repartition;
  LogicalSchema repartitioned_schema;  ///< Rows after PARTITION BY (= source_schema without it).

  std::vector<ProjectedColumn> projection;
  LogicalSchema output_schema;

  LogicalSink sink;
};

}  // namespace fluxo::planner
