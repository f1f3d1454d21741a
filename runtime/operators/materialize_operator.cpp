#include "runtime/operators/materialize_operator.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

namespace {

state::KeyValueStore& StoreOf(const planner::MaterializeStep& step,
                              const OperatorContext& context) {
  FLUXO_CHECK(context.state != nullptr, "a materialized table needs a state store");
  return context.state->GetKeyValueStore(step.store_name);
}

}  // namespace

MaterializeOperator::MaterializeOperator(const planner::MaterializeStep& step,
                                         OperatorContext context,
                                         bool one_row_per_key_per_commit)
    : table_(step.schema, step.windowed, StoreOf(step, context)),
      windowed_(step.windowed),
      write_through_(one_row_per_key_per_commit) {}

void MaterializeOperator::Process(RowBatch&& batch, Emitter& downstream) {
  for (const Row& row : batch) {
    if (row.kind == ChangeKind::kUpdateBefore || row.key_missing ||
        (windowed_ && !row.window.has_value())) {
      continue;
    }
    table_.EncodeKeyInto(row, scratch_key_);
    if (write_through_) {
      if (row.tombstone) {
        table_.DeleteEncoded(scratch_key_);
      } else {
        table_.UpsertEncoded(scratch_key_, row);
      }
      continue;
    }
    auto found = pending_.find(scratch_key_);
    if (found == pending_.end()) {
      if (pending_.size() >= kMaxPending) {
        WritePending();
      }
      found = pending_.emplace(scratch_key_, Pending{}).first;
    }
    Pending& pending = found->second;
    pending.deleted = row.tombstone;
    if (!row.tombstone) {
      pending.row.values = row.values;  // Reuses the pending row's buffers.
      pending.row.timestamp = row.timestamp;
      pending.row.window = row.window;
    }
  }
  downstream.Emit(std::move(batch));
}

void MaterializeOperator::Flush(Emitter& /*downstream*/) {
  WritePending();
}

void MaterializeOperator::WritePending() {
  for (const auto& [key, pending] : pending_) {
    if (pending.deleted) {
      table_.DeleteEncoded(key);
    } else {
      table_.UpsertEncoded(key, pending.row);
    }
  }
  pending_.clear();
}

}  // namespace fluxo::runtime
