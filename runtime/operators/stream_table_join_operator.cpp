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
  // Rows ahead of the one joined whose table row's entry, and values, are fetched.
  constexpr size_t kEntryAhead = 8;
  constexpr size_t kValuesAhead = 4;
  if (stream_keys_.size() < batch.size()) {
    stream_keys_.resize(batch.size());
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    PrepareStreamKey(batch[i], stream_keys_[i]);
  }
  RowBatch output = joined_rows_.TakeBatch(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (i + kEntryAhead < batch.size() && !stream_keys_[i + kEntryAhead].key.IsNull()) {
      decoded_.PrefetchEntry(stream_keys_[i + kEntryAhead].hash);
    }
    if (i + kValuesAhead < batch.size() && !stream_keys_[i + kValuesAhead].key.IsNull()) {
      decoded_.PrefetchValues(stream_keys_[i + kValuesAhead].hash);
    }
    ProcessStreamRow(batch[i], stream_keys_[i], output);
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

const ValueList* StreamTableJoinOperator::FindTableRow(const std::string& encoded_key,
                                                       size_t hash) {
  if (const ValueList* found = decoded_.Find(encoded_key, hash); found != nullptr) {
    return found;
  }
  const std::optional<std::string_view> stored = table_->Get(encoded_key);
  if (!stored.has_value()) {
    return nullptr;
  }
  return &decoded_.Put(encoded_key, hash, rows_.RightColumnsRead(state::DecodeValueList(*stored)));
}

void StreamTableJoinOperator::PrepareStreamKey(const Row& row, StreamKey& key) {
  key.key = row.tombstone ? Value() : rows_.Key(JoinSide::kLeft, row);
  if (key.key.IsNull()) {
    return;
  }
  JoinRows::EncodeKeyInto(key.key, row.window, key.encoded);
  key.hash = std::hash<std::string_view>{}(key.encoded);
  decoded_.PrefetchSlot(key.hash);
}

void StreamTableJoinOperator::ProcessStreamRow(Row& row, const StreamKey& key, RowBatch& output) {
  if (row.tombstone) {
    return;
  }
  const ValueList* table_row = key.key.IsNull() ? nullptr : FindTableRow(key.encoded, key.hash);
  if (table_row == nullptr && !left_join_) {
    return;
  }
  // The batch is this operator's: the stream row's values move into the joined row.
  Row joined = joined_rows_.TakeRow();
  rows_.JoinInto(key.key, row.values, table_row, row.timestamp, row.window, joined);
  joined.partition = row.partition;
  joined.offset = row.offset;
  output.Add(std::move(joined));
}

}  // namespace fluxo::runtime
