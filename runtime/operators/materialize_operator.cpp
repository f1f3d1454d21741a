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
                                         OperatorContext context)
    : table_(step.schema, step.windowed, StoreOf(step, context)), windowed_(step.windowed) {}

void MaterializeOperator::Process(RowBatch&& batch, Emitter& downstream) {
  for (const Row& row : batch) {
    if (row.kind == ChangeKind::kUpdateBefore || row.key_missing ||
        (windowed_ && !row.window.has_value())) {
      continue;
    }
    if (row.tombstone) {
      table_.Delete(row);
    } else {
      table_.Upsert(row);
    }
  }
  downstream.Emit(std::move(batch));
}

}  // namespace fluxo::runtime
