#pragma once

#include <optional>
#include <string>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/join_rows.h"
#include "runtime/state/key_value_store.h"

namespace fluxo::runtime {

/// `table [LEFT | RIGHT | FULL OUTER] JOIN table ON primary keys` (Kafka Streams'
/// KTableKTableJoin with old values, as ksqlDB runs it).
///
/// Consumes two tables' changelogs (upserts and tombstones by key) and keeps each table's
/// current row, with its time, in a key-value store. Every change of one side recomputes the
/// joined row of its key before and after the change, with the other side's current row:
/// the joined row exists when both rows do, or when the row of an outer side does (LEFT: the
/// left one, RIGHT: the right one, FULL: either). The change is emitted as a changelog with
/// old values: an insert (no joined row before), an update-before / update-after pair, or a
/// delete carrying the old joined row (a tombstone); nothing when neither exists. Results
/// carry the later of the two rows' times (the changed row's time when the other is missing).
/// A tombstone for a key the table does not hold changes nothing. An input that is itself a
/// join's changelog is read as upserts and deletes (its update-befores are skipped).
class TableTableJoinOperator final : public JoinOperator {
 public:
  TableTableJoinOperator(const planner::JoinStep& step, OperatorContext context);

  void ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) override;

 private:
  /// A table's row of one key: its time and the values the joined row copies.
  struct StoredRow {
    int64_t time = 0;
    ValueList values;
  };

  void ProcessRow(JoinSide side, const Row& row, RowBatch& output);
  std::optional<StoredRow> Read(JoinSide side, const std::string& key);
  bool IsOuter(JoinSide side) const;
  /// The joined row of `side`'s row and the other side's row, when it exists.
  std::optional<Row> Joined(JoinSide side,
                            const Value& key,
                            const std::optional<StoredRow>& row,
                            const std::optional<StoredRow>& other,
                            int64_t time,
                            const std::optional<WindowBounds>& window) const;

  planner::JoinType type_;
  JoinRows rows_;
  state::KeyValueStore* tables_[2] = {nullptr, nullptr};
};

}  // namespace fluxo::runtime
