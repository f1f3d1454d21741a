#include "runtime/operators/table_changes_operator.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

TableChangesOperator::TableChangesOperator(const planner::TableChangesStep& step,
                                           OperatorContext context)
    : key_indexes_(step.schema.IndexesIn(ColumnNamespace::kKey)),
      store_(nullptr),
      context_(std::move(context)) {
  FLUXO_CHECK(context_.state != nullptr, "a table's changes need a state store");
  store_ = &context_.state->GetKeyValueStore(step.store_name);
}

void TableChangesOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch changes;
  changes.Reserve(batch.size());
  for (Row& row : batch) {
    if (row.key_missing) {
      context_.SkipRow(row, "a table row needs a key");
      continue;
    }
    ValueList key;
    key.reserve(key_indexes_.size());
    for (size_t index : key_indexes_) {
      key.push_back(row.values[index]);
    }
    std::string encoded_key;
    state::EncodeValueList(key, encoded_key);
    std::optional<ValueList> old_values;
    if (const std::optional<std::string_view> stored = store_->Get(encoded_key)) {
      old_values = state::DecodeValueList(*stored);
    }
    if (row.tombstone) {
      if (!old_values.has_value()) {
        continue;  // Deleting a key the table does not hold changes nothing.
      }
      store_->Delete(encoded_key);
      row.values = std::move(*old_values);
      row.kind = ChangeKind::kDelete;
      changes.Add(std::move(row));
      continue;
    }
    std::string encoded_row;
    state::EncodeValueList(row.values, encoded_row);
    store_->Put(encoded_key, encoded_row);
    if (old_values.has_value()) {
      Row before = row;
      before.values = std::move(*old_values);
      before.kind = ChangeKind::kUpdateBefore;
      changes.Add(std::move(before));
      row.kind = ChangeKind::kUpdateAfter;
    } else {
      row.kind = ChangeKind::kInsert;
    }
    changes.Add(std::move(row));
  }
  if (!changes.empty()) {
    downstream.Emit(std::move(changes));
  }
}

}  // namespace fluxo::runtime
