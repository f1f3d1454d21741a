#include "runtime/operators/select_operator.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

namespace {

// True when `expression` reads nothing but key columns and constants, so that it can be
// computed for a null-valued record too (ksqlDB leaves ROWTIME and the other pseudocolumns NULL
// there, as value columns).
bool ReadsOnlyKeys(const expr::BoundExpression& expression, const LogicalSchema& input) {
  if ((expression.kind == expr::BoundKind::kColumn &&
       input.columns()[expression.index].column_namespace != ColumnNamespace::kKey) ||
      expression.kind == expr::BoundKind::kPseudocolumn) {
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
        compiled.is_key && ReadsOnlyKeys(*column.expression, step.input_schema);
    columns_.push_back(std::move(compiled));
  }
  // A column that is only copied, and read nowhere else, can be moved out of the input row.
  std::vector<size_t> reads;
  for (const planner::ProjectedColumn& column : step.columns) {
    expr::CountColumnReads(*column.expression, reads);
  }
  for (size_t i = 0; i < step.columns.size(); ++i) {
    const expr::BoundExpression& expression = *step.columns[i].expression;
    if (expression.kind == expr::BoundKind::kColumn && reads[expression.index] == 1) {
      columns_[i].moved_from = expression.index;
    }
  }
  // The row can be rewritten in place when each moved column comes from its own position or
  // further right, in order: then no move overwrites a value that a later move still needs.
  in_place_ = true;
  std::optional<size_t> previous;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const std::optional<size_t>& source = columns_[i].moved_from;
    if (source.has_value()) {
      in_place_ = in_place_ && *source >= i && (!previous.has_value() || *source > *previous);
      previous = source;
    }
  }
  // In place, a computed column can go straight to its slot when nothing else reads that slot:
  // no moved column comes from it and no other computed column reads it.
  for (size_t i = 0; in_place_ && i < columns_.size(); ++i) {
    if (columns_[i].moved_from.has_value() || i >= step.input_schema.columns().size()) {
      continue;
    }
    std::vector<size_t> own_reads;
    expr::CountColumnReads(*step.columns[i].expression, own_reads);
    const size_t others =
        (i < reads.size() ? reads[i] : 0) - (i < own_reads.size() ? own_reads[i] : 0);
    bool moved_away = false;
    for (const CompiledColumn& column : columns_) {
      moved_away = moved_away || column.moved_from == i;
    }
    columns_[i].computed_in_place = others == 0 && !moved_away;
  }
}

Value SelectOperator::Evaluate(const CompiledColumn& column, const Row& row) const {
  try {
    return column.evaluator->Evaluate(row);
  } catch (const Error& error) {
    // As ksqlDB: the failing expression is NULL, the row goes on, the failure is logged.
    context_.SkipRow(row,
                     std::string(rekeys_ ? "PARTITION BY" : "SELECT") +
                         " expression failed, using NULL: " + error.message());
    return Value();
  }
}

void SelectOperator::ProjectInPlace(Row& row) {
  // Computed columns first, while the row is intact; then the moves, left to right.
  computed_.clear();
  for (size_t i = 0; i < columns_.size(); ++i) {
    const CompiledColumn& column = columns_[i];
    if (column.computed_in_place) {
      row.values[i] = Evaluate(column, row);
    } else if (!column.moved_from.has_value()) {
      computed_.push_back(Evaluate(column, row));
    }
  }
  if (row.values.size() < columns_.size()) {
    row.values.resize(columns_.size());
  }
  size_t next_computed = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const CompiledColumn& column = columns_[i];
    if (column.moved_from.has_value()) {
      if (*column.moved_from != i) {
        row.values[i] = std::move(row.values[*column.moved_from]);
      }
    } else if (!column.computed_in_place) {
      row.values[i] = std::move(computed_[next_computed++]);
    }
  }
  row.values.resize(columns_.size());
}

void SelectOperator::ProjectIntoScratch(Row& row) {
  // The new values are built in `projected_`, which then swaps buffers with the row.
  projected_.clear();
  projected_.reserve(columns_.size());
  for (const CompiledColumn& column : columns_) {
    if (row.tombstone && !column.reads_key_only) {
      projected_.emplace_back();  // Nothing to compute from a missing value.
    } else if (column.moved_from.has_value()) {
      projected_.push_back(std::move(row.values[*column.moved_from]));
    } else {
      projected_.push_back(Evaluate(column, row));
    }
  }
  row.values.swap(projected_);
  projected_.clear();
}

void SelectOperator::ProjectRow(Row& row) {
  if (in_place_ && !row.tombstone) {
    ProjectInPlace(row);
  } else {
    ProjectIntoScratch(row);
  }
  // A projection keeps the key as it was; PARTITION BY computes a new one.
  row.key_missing = !rekeys_ && row.key_missing;
}

void SelectOperator::Process(RowBatch&& batch, Emitter& downstream) {
  // Rows are rewritten where they are, so that none needs a new vector.
  for (Row& row : batch) {
    ProjectRow(row);
  }
  if (!batch.empty()) {
    downstream.Emit(std::move(batch));
  }
}

}  // namespace fluxo::runtime
