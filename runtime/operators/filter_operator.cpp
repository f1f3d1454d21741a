#include "runtime/operators/filter_operator.h"

#include <optional>
#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

FilterOperator::FilterOperator(const planner::FilterStep& step,
                               bool over_table,
                               OperatorContext context)
    : predicate_(expr::CompileExpression(step.predicate)),
      over_table_(over_table),
      changelog_(step.changelog),
      context_(std::move(context)) {}

bool FilterOperator::Passes(const Row& row) const {
  try {
    return expr::IsTrue(predicate_->Evaluate(row));
  } catch (const Error& error) {
    context_.SkipRow(row, std::string("WHERE failed: ") + error.message());
  }
  return false;
}

void FilterOperator::ProcessChangelog(RowBatch& batch, RowBatch& kept) {
  std::optional<Row> before;  // The update-before of the pair in progress, if it passed.
  bool before_seen = false;
  for (Row& row : batch) {
    switch (row.kind) {
      case ChangeKind::kUpdateBefore:
        before_seen = true;
        if (Passes(row)) {
          before = std::move(row);
        }
        break;
      case ChangeKind::kUpdateAfter:
      case ChangeKind::kInsert: {
        const bool old_passed = before.has_value();
        const bool is_update = row.kind == ChangeKind::kUpdateAfter && before_seen;
        if (Passes(row)) {
          if (old_passed) {
            kept.Add(std::move(*before));
          } else {
            row.kind = ChangeKind::kInsert;
          }
          kept.Add(std::move(row));
        } else if (old_passed && is_update) {
          before->kind = ChangeKind::kDelete;
          before->tombstone = true;
          before->timestamp = row.timestamp;
          kept.Add(std::move(*before));
        }
        before.reset();
        before_seen = false;
        break;
      }
      case ChangeKind::kDelete:
        if (!row.tombstone || Passes(row)) {
          kept.Add(std::move(row));
        }
        break;
    }
  }
}

void FilterOperator::Process(RowBatch&& batch, Emitter& downstream) {
  RowBatch kept;
  kept.Reserve(batch.size());
  if (changelog_) {
    ProcessChangelog(batch, kept);
    if (!kept.empty()) {
      downstream.Emit(std::move(kept));
    }
    return;
  }
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
