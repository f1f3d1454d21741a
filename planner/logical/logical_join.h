#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/catalog/source_description.h"
#include "planner/logical/projected_column.h"
#include "runtime/core/logical_schema.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::planner {

/// `[INNER] JOIN`, `LEFT [OUTER] JOIN`, `RIGHT [OUTER] JOIN` or `FULL [OUTER] JOIN`.
enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull };

/// Returns the join type as ksqlDB prints it in messages: "[INNER] JOIN", "LEFT [OUTER] JOIN",
/// "RIGHT [OUTER] JOIN", "[FULL] OUTER JOIN".
const char* JoinTypeText(JoinType type);

/// What the two inputs of a join are: decides the operator and whether the result is a table.
enum class JoinKind : uint8_t { kStreamStream, kStreamTable, kTableTable };

/// The WITHIN of a stream-stream join: a right row joins a left row of time t when its time
/// lies in [t - before, t + after]. GRACE PERIOD bounds how late a row may arrive; without it
/// ksqlDB keeps its legacy behaviour (rows are kept for 24 hours, and an unmatched row of an
/// outer side is emitted at once instead of when its window closes).
struct JoinWindow {
  int64_t before_ms = 0;
  int64_t after_ms = 0;
  std::optional<int64_t> grace_ms;

  /// Returns how long the join buffers keep a row after stream time passed it: before +
  /// after + grace, where a missing grace is Kafka Streams' legacy 24 h - (before + after).
  int64_t RetentionMs() const;
};

/// One source of a join query. Its rows are turned into "side rows" that hold every column of
/// the source under the source's alias: the value columns, ROWTIME, ROWPARTITION and
/// ROWOFFSET, then the key columns (kept in the key namespace so that they survive a
/// tombstone), each named `<ALIAS>_<COLUMN>` as ksqlDB names a join's columns.
struct LogicalJoinInput {
  SourceDescription source;
  std::string alias;
  std::vector<ProjectedColumn> columns;  ///< The side row, computed from the source row.
  LogicalSchema schema;                  ///< The side row's columns.
};

/// `left JOIN right [WITHIN ...] ON left_key = right_key`, left-deep: the left input is the
/// first source's side rows (first join) or the previous join's rows, the right input is the
/// next source's side rows. The joined row is the join key, then the left input's columns
/// (without the previous join's key), then the right input's columns. A row whose key is not
/// a column of its source is keyed by the key expression: through a repartition topic when
/// the query runs on Kafka (RepartitionStep), in-process otherwise.
struct LogicalJoin {
  JoinType type = JoinType::kInner;
  JoinKind kind = JoinKind::kStreamStream;
  std::optional<JoinWindow> within;    ///< Stream-stream joins only.
  expr::BoundExpressionPtr left_key;   ///< Over the left input's rows.
  expr::BoundExpressionPtr right_key;  ///< Over the right input's rows.
  size_t left_skip = 0;  ///< Leading columns of the left input not copied: 1 (a join's key).
  LogicalSchema schema;  ///< The joined rows; column 0 is the key column.
  /// The side reads its source's only key column, so that its rows need no re-keying: when
  /// false, a stream source's rows go through a repartition topic on Kafka (JoinInputStep).
  bool left_keyed = true;
  bool right_keyed = true;
};

}  // namespace fluxo::planner
