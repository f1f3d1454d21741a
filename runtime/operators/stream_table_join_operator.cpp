#include "runtime/operators/stream_table_join_operator.h"

#include <functional>
#include <string_view>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/store_name.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

StreamTableJoinOperator::StreamTableJoinOperator(
    const planner::JoinStep& step,
    OperatorContext context,
    const std::optional<std::vector<bool>>& columns_read)
    : left_join_(step.join.type == planner::JoinType::kLeft), rows_(step, context, columns_read) {
  FLUXO_CHECK(context.state != nullptr, "a stream-table join needs a state store");
  table_ = &context.state->GetKeyValueStore(state::StoreName(step.operator_id, "Right"));
}

void StreamTableJoinOperator::ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) {
  if (side == JoinSide::kRight) {
    for (Row& row : batch) {
      ProcessTableRow(row);
    }
    return;
  }
  RowBatch output = joined_rows_.TakeBatch(batch.size());
  for (Row& row : batch) {
    ProcessStreamRow(row, output);
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
  // Emit took the batch by reference: its rows (rewritten or not) are still here.
  joined_rows_.GiveBack(std::move(output));  // NOLINT(bugprone-use-after-move)
}

void StreamTableJoinOperator::ProcessTableRow(Row& row) {
  const Value key = rows_.Key(JoinSide::kRight, row);
  if (key.IsNull()) {
    rows_.context().SkipRow(row, "a table row needs a key");
    return;
  }
  JoinRows::EncodeKeyInto(key, row.window, scratch_key_);
  const size_t hash = std::hash<std::string_view>{}(scratch_key_);
  if (row.tombstone) {
    table_->Delete(scratch_key_);
    decoded_.Erase(scratch_key_, hash);
    return;
  }
  scratch_value_.clear();
  state::EncodeValueList(row.values, scratch_value_);
  table_->Put(scratch_key_, scratch_value_);
  // The batch is this operator's: the columns read move into the cached row.
  decoded_.Put(scratch_key_, hash, rows_.RightColumnsRead(std::move(row.values)));
}

const ValueList* StreamTableJoinOperator::FindTableRow(const std::string& encoded_key) {
  const size_t hash = std::hash<std::string_view>{}(encoded_key);
  if (const ValueList* found = decoded_.Find(encoded_key, hash); found != nullptr) {
    return found;
  }
  const std::optional<std::string_view> stored = table_->Get(encoded_key);
  if (!stored.has_value()) {
    return nullptr;
  }
  return &decoded_.Put(encoded_key, hash, rows_.RightColumnsRead(state::DecodeValueList(*stored)));
}

void StreamTableJoinOperator::ProcessStreamRow(Row& row, RowBatch& output) {
  if (row.tombstone) {
    return;
  }
  const Value key = rows_.Key(JoinSide::kLeft, row);
  const ValueList* table_row = nullptr;
  if (!key.IsNull()) {
    JoinRows::EncodeKeyInto(key, row.window, scratch_key_);
    table_row = FindTableRow(scratch_key_);
  }
  if (table_row == nullptr && !left_join_) {
    return;
  }
  // The batch is this operator's: the stream row's values move into the joined row.
  Row joined = joined_rows_.TakeRow();
  rows_.JoinInto(key, row.values, table_row, row.timestamp, row.window, joined);
  joined.partition = row.partition;
  joined.offset = row.offset;
  output.Add(std::move(joined));
}

}  // namespace fluxo::runtime
