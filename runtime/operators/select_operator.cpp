#include "runtime/operators/select_operator.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

namespace {

// True when `expression` reads no value column of `input` (only keys, pseudocolumns and
// constants), so that it can be computed for a null-valued record too.
bool ReadsOnlyKeys(const expr::BoundExpression& expression, const LogicalSchema& input) {
  if (expression.kind == expr::BoundKind::kColumn &&
      input.columns()[expression.index].column_namespace != ColumnNamespace::kKey) {
    return false;
  }
  for (const expr::BoundExpressionPtr& child : expression.children) {
    if (!ReadsOnlyKeys(*child, input)) {
      return false;
    }
  }
  return true;
}

}  // namespace

SelectOperator::SelectOperator(const planner::SelectStep& step,
                               bool rekeys,
                               OperatorContext context)
    : rekeys_(rekeys), context_(std::move(context)) {
  for (const planner::ProjectedColumn& column : step.columns) {
    CompiledColumn compiled;
    compiled.evaluator = expr::CompileExpression(column.expression);
    compiled.is_key = column.column_namespace == ColumnNamespace::kKey;
    compiled.reads_key_only =
        compiled.is_key && column.expression->kind == expr::BoundKind::kColumn;
    columns_.push_back(std::move(compiled));
  }
}

void SelectOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch output;
  output.Reserve(batch.size());
  for (Row& row : batch) {
    Row projected;
    projected.timestamp = row.timestamp;
    projected.partition = row.partition;
    projected.offset = row.offset;
    projected.kind = row.kind;
    projected.tombstone = row.tombstone;
    // A projection keeps the key as it was; PARTITION BY computes a new one.
    projected.key_missing = !rekeys_ && row.key_missing;
    projected.values.reserve(columns_.size());
    for (const CompiledColumn& column : columns_) {
      if (row.tombstone && !column.reads_key_only) {
        projected.values.emplace_back();  // Nothing to compute from a missing value.
        continue;
      }
      try {
        projected.values.push_back(column.evaluator->Evaluate(row));
      } catch (const Error& error) {
        // As ksqlDB: the failing expression is NULL, the row goes on, the failure is logged.
        context_.SkipRow(row,
                         std::string(rekeys_ ? "PARTITION BY" : "SELECT") +
                             " expression failed, using NULL: " + error.message());
        projected.values.emplace_back();
      }
    }
    output.Add(std::move(projected));
  }
  if (!output.empty()) {
    downstream.Emit(std::move(output));
  }
}

}  // namespace fluxo::runtime
