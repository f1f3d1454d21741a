#include "runtime/operators/table_table_join_operator.h"

#include <algorithm>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/store_name.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

namespace {

size_t Index(JoinSide side) {
  return side == JoinSide::kLeft ? 0 : 1;
}

JoinSide Other(JoinSide side) {
  return side == JoinSide::kLeft ? JoinSide::kRight : JoinSide::kLeft;
}

}  // namespace

TableTableJoinOperator::TableTableJoinOperator(const planner::JoinStep& step,
                                               OperatorContext context)
    : type_(step.join.type), rows_(step, context) {
  FLUXO_CHECK(context.state != nullptr, "a table-table join needs state stores");
  tables_[0] = &context.state->GetKeyValueStore(state::StoreName(step.operator_id, "Left"));
  tables_[1] = &context.state->GetKeyValueStore(state::StoreName(step.operator_id, "Right"));
}

bool TableTableJoinOperator::IsOuter(JoinSide side) const {
  return type_ == planner::JoinType::kFull ||
         type_ == (side == JoinSide::kLeft ? planner::JoinType::kLeft : planner::JoinType::kRight);
}

void TableTableJoinOperator::ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) {
  RowBatch output;
  for (const Row& row : batch) {
    ProcessRow(side, row, output);
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
}

std::optional<TableTableJoinOperator::StoredRow> TableTableJoinOperator::Read(
    JoinSide side, const std::string& key) {
  const auto stored = tables_[Index(side)]->Get(key);
  if (!stored.has_value()) {
    return std::nullopt;
  }
  ValueList values = state::DecodeValueList(*stored);
  StoredRow row;
  row.time = values.front().AsInt64();
  values.erase(values.begin());
  row.values = std::move(values);
  return row;
}

std::optional<Row> TableTableJoinOperator::Joined(JoinSide side,
                                                  const Value& key,
                                                  const std::optional<StoredRow>& row,
                                                  const std::optional<StoredRow>& other,
                                                  int64_t time,
                                                  const std::optional<WindowBounds>& window) const {
  const bool exists = (row.has_value() && other.has_value()) ||
                      (row.has_value() && IsOuter(side)) ||
                      (other.has_value() && IsOuter(Other(side)));
  if (!exists) {
    return std::nullopt;
  }
  const ValueList* this_values = row.has_value() ? &row->values : nullptr;
  const ValueList* other_values = other.has_value() ? &other->values : nullptr;
  const int64_t joined_time = other.has_value() ? std::max(time, other->time) : time;
  return side == JoinSide::kLeft ? rows_.Join(key, this_values, other_values, joined_time, window)
                                 : rows_.Join(key, other_values, this_values, joined_time, window);
}

void TableTableJoinOperator::ProcessRow(JoinSide side, const Row& row, RowBatch& output) {
  if (row.kind == ChangeKind::kUpdateBefore) {
    return;  // A previous join's old row: the store has it, the update-after replaces it.
  }
  const Value key = rows_.Key(side, row);
  if (key.IsNull()) {
    rows_.context().SkipRow(row, "a table row needs a key");
    return;
  }
  const std::string encoded_key = JoinRows::EncodeKey(key, row.window);
  const std::optional<StoredRow> old_row = Read(side, encoded_key);
  std::optional<StoredRow> new_row;
  if (row.tombstone) {
    if (!old_row.has_value()) {
      return;  // Deleting a key the table does not hold changes nothing.
    }
    tables_[Index(side)]->Delete(encoded_key);
  } else {
    new_row = StoredRow{row.timestamp, rows_.SideValues(side, row.values)};
    ValueList stored = {Value::Int64(row.timestamp)};
    stored.insert(stored.end(), new_row->values.begin(), new_row->values.end());
    std::string encoded;
    state::EncodeValueList(stored, encoded);
    tables_[Index(side)]->Put(encoded_key, encoded);
  }
  const std::optional<StoredRow> other = Read(Other(side), encoded_key);
  std::optional<Row> before = Joined(side, key, old_row, other, row.timestamp, row.window);
  std::optional<Row> after = Joined(side, key, new_row, other, row.timestamp, row.window);
  const size_t output_start = output.size();
  if (before.has_value() && after.has_value()) {
    before->kind = ChangeKind::kUpdateBefore;
    after->kind = ChangeKind::kUpdateAfter;
    output.Add(std::move(*before));
    output.Add(std::move(*after));
  } else if (after.has_value()) {
    output.Add(std::move(*after));
  } else if (before.has_value()) {
    before->kind = ChangeKind::kDelete;
    before->tombstone = true;
    output.Add(std::move(*before));
  }
  for (size_t i = output_start; i < output.size(); ++i) {
    output[i].partition = row.partition;
    output[i].offset = row.offset;
  }
}

}  // namespace fluxo::runtime
