#include "runtime/operators/filter_operator.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

FilterOperator::FilterOperator(const planner::FilterStep& step,
                               bool over_table,
                               OperatorContext context)
    : predicate_(expr::CompileExpression(step.predicate)),
      over_table_(over_table),
      context_(std::move(context)) {}

void FilterOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch kept;
  kept.Reserve(batch.size());
  for (Row& row : batch) {
    if (row.tombstone) {
      if (over_table_) {
        kept.Add(std::move(row));  // A delete stays a delete.
      }
      continue;
    }
    bool passes = false;
    try {
      passes = expr::IsTrue(predicate_->Evaluate(row));
    } catch (const Error& error) {
      context_.SkipRow(row, std::string("WHERE failed: ") + error.message());
    }
    if (passes) {
      kept.Add(std::move(row));
    } else if (over_table_) {
      // The row no longer belongs in the result table: delete its key downstream.
      row.tombstone = true;
      kept.Add(std::move(row));
    }
  }
  if (!kept.empty()) {
    downstream.Emit(std::move(kept));
  }
}

}  // namespace fluxo::runtime
