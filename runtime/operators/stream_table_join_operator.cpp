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
  output.Reserve(batch.size());
  for (Row& row : batch) {
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
    decoded_.erase(encoded_key);
    return;
  }
  ValueList values = rows_.SideValues(JoinSide::kRight, row.values);
  std::string encoded_values;
  state::EncodeValueList(values, encoded_values);
  table_->Put(encoded_key, encoded_values);
  CacheTableRow(encoded_key, std::move(values));
}

const ValueList* StreamTableJoinOperator::FindTableRow(const std::string& encoded_key) {
  if (const auto found = decoded_.find(encoded_key); found != decoded_.end()) {
    return &found->second;
  }
  const std::optional<std::string_view> stored = table_->Get(encoded_key);
  if (!stored.has_value()) {
    return nullptr;
  }
  CacheTableRow(encoded_key, state::DecodeValueList(*stored));
  return &decoded_.find(encoded_key)->second;
}

void StreamTableJoinOperator::CacheTableRow(const std::string& encoded_key, ValueList values) {
  if (const auto found = decoded_.find(encoded_key); found != decoded_.end()) {
    found->second = std::move(values);
    return;
  }
  if (decoded_.size() >= kMaxDecodedRows) {
    decoded_.clear();  // The store holds every row; the cache refills from it.
  }
  decoded_.emplace(encoded_key, std::move(values));
}

void StreamTableJoinOperator::ProcessStreamRow(Row& row, RowBatch& output) {
  if (row.tombstone) {
    return;
  }
  const Value key = rows_.Key(JoinSide::kLeft, row);
  const ValueList* table_row = nullptr;
  if (!key.IsNull()) {
    table_row = FindTableRow(JoinRows::EncodeKey(key, row.window));
  }
  if (table_row == nullptr && !left_join_) {
    return;
  }
  // The batch is this operator's: the stream row's values move into the joined row.
  const ValueList values = rows_.SideValues(JoinSide::kLeft, std::move(row.values));
  Row joined = rows_.Join(key, &values, table_row, row.timestamp, row.window);
  joined.partition = row.partition;
  joined.offset = row.offset;
  output.Add(std::move(joined));
}

}  // namespace fluxo::runtime
