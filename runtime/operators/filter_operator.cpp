#include "runtime/operators/filter_operator.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

FilterOperator::FilterOperator(const planner::FilterStep& step, OperatorContext context)
    : predicate_(expr::CompileExpression(step.predicate)), context_(std::move(context)) {}

void FilterOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch kept;
  kept.Reserve(batch.size());
  for (Row& row : batch) {
    if (row.tombstone) {
      continue;
    }
    try {
      if (expr::IsTrue(predicate_->Evaluate(row))) {
        kept.Add(std::move(row));
      }
    } catch (const Error& error) {
      context_.SkipRow(row, std::string("WHERE failed: ") + error.message());
    }
  }
  if (!kept.empty()) {
    downstream.Emit(std::move(kept));
  }
}

}  // namespace fluxo::runtime
