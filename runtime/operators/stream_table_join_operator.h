#pragma once

#include "planner/physical/physical_plan.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/join_rows.h"
#include "runtime/state/key_value_store.h"

namespace fluxo::runtime {

/// `stream [LEFT] JOIN table ON ...` (Kafka Streams' KStreamKTableJoin): the left input is a
/// stream, the right input a table's changelog.
///
/// The table's rows are kept in a key-value store by key: an upsert replaces its key's row, a
/// tombstone deletes it, and neither emits anything. Each stream row looks up the table's
/// current row of its key and emits the joined row with the stream row's time; with no table
/// row, an INNER join emits nothing and a LEFT join emits the stream row padded with NULLs.
/// A stream row with a null value is dropped; one whose key is NULL joins nothing (a LEFT
/// join still emits it padded).
class StreamTableJoinOperator final : public JoinOperator {
 public:
  StreamTableJoinOperator(const planner::JoinStep& step, OperatorContext context);

  void ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) override;

 private:
  void ProcessTableRow(const Row& row);
  void ProcessStreamRow(const Row& row, RowBatch& output);

  bool left_join_;
  JoinRows rows_;
  state::KeyValueStore* table_ = nullptr;
};

}  // namespace fluxo::runtime
