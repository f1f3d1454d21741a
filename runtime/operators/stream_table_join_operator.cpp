#include "runtime/operators/stream_table_join_operator.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/store_name.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

StreamTableJoinOperator::StreamTableJoinOperator(const planner::JoinStep& step,
                                                 OperatorContext context)
    : left_join_(step.join.type == planner::JoinType::kLeft), rows_(step, context) {
  FLUXO_CHECK(context.state != nullptr, "a stream-table join needs a state store");
  table_ = &context.state->GetKeyValueStore(state::StoreName(step.operator_id, "Right"));
}

void StreamTableJoinOperator::ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) {
  if (side == JoinSide::kRight) {
    for (const Row& row : batch) {
      ProcessTableRow(row);
    }
    return;
  }
  RowBatch output;
  for (const Row& row : batch) {
    ProcessStreamRow(row, output);
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
}

void StreamTableJoinOperator::ProcessTableRow(const Row& row) {
  const Value key = rows_.Key(JoinSide::kRight, row);
  if (key.IsNull()) {
    rows_.context().SkipRow(row, "a table row needs a key");
    return;
  }
  const std::string encoded_key = JoinRows::EncodeKey(key, row.window);
  if (row.tombstone) {
    table_->Delete(encoded_key);
    return;
  }
  std::string encoded_values;
  state::EncodeValueList(rows_.SideValues(JoinSide::kRight, row.values), encoded_values);
  table_->Put(encoded_key, encoded_values);
}

void StreamTableJoinOperator::ProcessStreamRow(const Row& row, RowBatch& output) {
  if (row.tombstone) {
    return;
  }
  const Value key = rows_.Key(JoinSide::kLeft, row);
  const ValueList values = rows_.SideValues(JoinSide::kLeft, row.values);
  std::optional<ValueList> table_row;
  if (!key.IsNull()) {
    if (const auto stored = table_->Get(JoinRows::EncodeKey(key, row.window))) {
      table_row = state::DecodeValueList(*stored);
    }
  }
  if (!table_row.has_value() && !left_join_) {
    return;
  }
  Row joined =
      rows_.Join(key, &values, table_row ? &*table_row : nullptr, row.timestamp, row.window);
  joined.partition = row.partition;
  joined.offset = row.offset;
  output.Add(std::move(joined));
}

}  // namespace fluxo::runtime
