#pragma once

// Fixtures for the join operator tests: a join step over two tiny inputs whose rows are
// (K INT, V STRING) on the left and (K INT, W STRING) on the right, joined on K, and a
// readable form of what a join emits.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/join_operator.h"
#include "runtime/state/in_memory_state_instance.h"

namespace fluxo::runtime::testing {

/// Keeps what reaches it.
class CollectingEmitter final : public Emitter {
 public:
  void Emit(RowBatch&& batch) override {
    for (Row& row : batch) {
      rows.push_back(std::move(row));
    }
  }

  std::vector<Row> rows;
};

inline expr::BoundExpressionPtr KeyColumn() {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kColumn;
  node.index = 0;
  node.type = SqlType::Int();
  return expr::MakeBound(std::move(node));
}

/// A join of L (K, V) and R (K, W) on L.K = R.K; the joined rows are (KEY, L_K, L_V, R_K, R_W).
inline planner::JoinStep MakeJoinStep(planner::JoinKind kind,
                                      planner::JoinType type,
                                      std::optional<planner::JoinWindow> within = std::nullopt) {
  const LogicalSchema left({{"L_K", SqlType::Int(), ColumnNamespace::kValue, ""},
                            {"L_V", SqlType::String(), ColumnNamespace::kValue, ""}});
  const LogicalSchema right({{"R_K", SqlType::Int(), ColumnNamespace::kValue, ""},
                             {"R_W", SqlType::String(), ColumnNamespace::kValue, ""}});
  planner::LogicalJoin join;
  join.type = type;
  join.kind = kind;
  join.within = within;
  join.left_key = KeyColumn();
  join.right_key = KeyColumn();
  join.schema = LogicalSchema({{"L_K", SqlType::Int(), ColumnNamespace::kKey, ""},
                               {"L_K", SqlType::Int(), ColumnNamespace::kValue, ""},
                               {"L_V", SqlType::String(), ColumnNamespace::kValue, ""},
                               {"R_K", SqlType::Int(), ColumnNamespace::kValue, ""},
                               {"R_W", SqlType::String(), ColumnNamespace::kValue, ""}});
  return planner::JoinStep{"Q.Join", join, left, right};
}

inline planner::JoinWindow Within(int64_t before,
                                  int64_t after,
                                  std::optional<int64_t> grace = std::nullopt) {
  planner::JoinWindow window;
  window.before_ms = before;
  window.after_ms = after;
  window.grace_ms = grace;
  return window;
}

/// An input row (K, V) at `time`; no value makes it a tombstone (a null-valued record).
inline Row InputRow(std::optional<int32_t> key, std::optional<std::string> value, int64_t time) {
  Row row;
  row.values = {key.has_value() ? Value::Int32(*key) : Value(),
                value.has_value() ? Value::String(*value) : Value()};
  row.tombstone = !value.has_value();
  row.timestamp = time;
  return row;
}

/// Feeds one row to one input of `join`.
inline void Feed(JoinOperator& join, JoinSide side, Row row, Emitter& downstream) {
  RowBatch batch;
  batch.Add(std::move(row));
  join.ProcessSide(side, std::move(batch), downstream);
}

inline std::string Text(const Value& value) {
  return value.IsNull() ? "-" : value.DebugString();
}

/// A joined row as "<op> KEY | L_V R_W @time", op being + (insert), U-, U+ or - (delete).
inline std::string Describe(const Row& row) {
  const char* op = row.kind == ChangeKind::kInsert         ? "+"
                   : row.kind == ChangeKind::kUpdateBefore ? "U-"
                   : row.kind == ChangeKind::kUpdateAfter  ? "U+"
                                                           : "-";
  return std::string(op) + " " + Text(row.values[0]) + " | " + Text(row.values[2]) + " " +
         Text(row.values[4]) + " @" + std::to_string(row.timestamp);
}

/// Returns what `downstream` got since the last call, described, and forgets it.
inline std::vector<std::string> Take(CollectingEmitter& downstream) {
  std::vector<std::string> described;
  for (const Row& row : downstream.rows) {
    described.push_back(Describe(row));
  }
  downstream.rows.clear();
  return described;
}

using Lines = std::vector<std::string>;

}  // namespace fluxo::runtime::testing
