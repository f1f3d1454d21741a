#include "runtime/operators/source_columns_read.h"

#include <algorithm>

namespace fluxo::runtime {

namespace {

using Reads = std::vector<size_t>;  // How often each column is read.

// Adds what `expression` reads to `reads`.
void Add(const expr::BoundExpressionPtr& expression, Reads& reads) {
  if (expression) {
    expr::CountColumnReads(*expression, reads);
  }
}

bool IsRead(const Reads& reads, size_t column) {
  return column < reads.size() && reads[column] > 0;
}

// What the steps after the source (or after the join) read of the rows they get; nothing when
// they may read any column.
std::optional<Reads> RowColumnsRead(const planner::PhysicalPlan& plan) {
  if (plan.table_changes.has_value()) {
    return std::nullopt;  // It keeps whole rows, to undo them later.
  }
  Reads reads;
  if (plan.filter.has_value()) {
    Add(plan.filter->predicate, reads);
  }
  if (plan.repartition.has_value()) {
    for (const planner::ProjectedColumn& column : plan.repartition->columns) {
      Add(column.expression, reads);
    }
  } else if (plan.aggregate.has_value()) {
    for (const planner::ProjectedColumn& key : plan.aggregate->aggregation.group_by) {
      Add(key.expression, reads);
    }
    for (const planner::AggregateCall& call : plan.aggregate->aggregation.aggregates) {
      for (const expr::BoundExpressionPtr& argument : call.arguments) {
        Add(argument, reads);
      }
    }
  } else {
    for (const planner::ProjectedColumn& column : plan.projection.columns) {
      Add(column.expression, reads);
    }
  }
  return reads;
}

std::vector<bool> ToFlags(const Reads& reads) {
  std::vector<bool> read(reads.size());
  for (size_t i = 0; i < reads.size(); ++i) {
    read[i] = reads[i] > 0;
  }
  return read;
}

}  // namespace

std::optional<std::vector<bool>> SourceColumnsRead(const planner::PhysicalPlan& plan,
                                                   size_t input) {
  const std::optional<Reads> row_reads = RowColumnsRead(plan);
  if (!row_reads.has_value()) {
    return std::nullopt;
  }
  if (plan.joins.empty()) {
    return ToFlags(*row_reads);
  }
  if (plan.joins.size() != 1 || input >= plan.join_inputs.size() || input > 1) {
    return std::nullopt;
  }
  // The joined row: the key, the left side's columns from left_skip on, the right side's.
  const planner::JoinStep& join = plan.joins.front();
  const size_t left_columns = join.left_schema.columns().size();
  const size_t left_width = left_columns - join.join.left_skip;
  Reads side_reads;
  if (input == 0) {
    Add(join.join.left_key, side_reads);
    for (size_t k = join.join.left_skip; k < left_columns; ++k) {
      if (IsRead(*row_reads, 1 + k - join.join.left_skip)) {
        side_reads.resize(std::max(side_reads.size(), k + 1));
        ++side_reads[k];
      }
    }
  } else {
    Add(join.join.right_key, side_reads);
    for (size_t k = 0; k < join.right_schema.columns().size(); ++k) {
      if (IsRead(*row_reads, 1 + left_width + k)) {
        side_reads.resize(std::max(side_reads.size(), k + 1));
        ++side_reads[k];
      }
    }
  }
  // The side row is the input's preparing projection of its source row.
  const planner::SelectStep& prepare = plan.join_inputs[input].prepare;
  Reads source_reads;
  for (size_t k = 0; k < prepare.columns.size(); ++k) {
    if (IsRead(side_reads, k)) {
      Add(prepare.columns[k].expression, source_reads);
    }
  }
  return ToFlags(source_reads);
}

std::optional<std::vector<bool>> JoinedColumnsRead(const planner::PhysicalPlan& plan) {
  if (plan.joins.size() != 1) {
    return std::nullopt;
  }
  const std::optional<Reads> row_reads = RowColumnsRead(plan);
  if (!row_reads.has_value()) {
    return std::nullopt;
  }
  return ToFlags(*row_reads);
}

}  // namespace fluxo::runtime
