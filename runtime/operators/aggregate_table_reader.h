#pragma once

#include <string>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/core/row_batch.h"
#include "runtime/operators/aggregation_core.h"
#include "runtime/operators/materialized_table.h"
#include "runtime/operators/operator.h"
#include "runtime/operators/select_operator.h"
#include "runtime/operators/table_rows.h"

namespace fluxo::runtime {

/// Reads the current rows of a table that a GROUP BY writes (MaterializeStep::from_aggregate)
/// straight from the aggregation's state store, as ksqlDB's pull queries read an aggregate's
/// store: each group's state becomes the group's row (AggregationCore::OutputRow), kept when
/// it satisfies HAVING, then projected as the query projects it. The rows equal those the query
/// wrote to its sink at its last commit (the store is written at each commit, like the sink), in
/// MaterializedTable's order: by key, then window start.
class AggregateTableReader final : public TableRows {
 public:
  /// Over the stores of `state` (one task's), for `plan`, whose materialize step is
  /// from_aggregate. `state` must outlive the reader.
  AggregateTableReader(const planner::PhysicalPlan& plan, state::StateInstance& state);

  void VisitKey(const ValueList& key, const RowVisitor& visitor) override;

  void VisitAll(const RowVisitor& visitor) override;

 private:
  /// A row to visit and the key it sorts by (MaterializedTable's store key).
  struct KeyedRow {
    std::string order;
    Row row;
  };

  /// Adds the row of the group stored as (`key_bytes`, `window`) with state `state_bytes` to
  /// `rows`, unless HAVING drops it.
  void AddGroup(std::string_view key_bytes,
                const std::optional<WindowBounds>& window,
                std::string_view state_bytes,
                std::vector<KeyedRow>& rows);

  /// Visits `rows` in key order until `visitor` returns false.
  static void VisitSorted(std::vector<KeyedRow>& rows, const RowVisitor& visitor);

  ProcessingLog quiet_log_;  ///< What the reader's expressions log goes nowhere.
  planner::AggregateStep aggregate_;
  state::StateInstance& state_;
  bool windowed_ = false;
  AggregationCore core_;
  SelectOperator projection_;
  std::vector<size_t> key_indexes_;  ///< Of the table's key columns.
};

}  // namespace fluxo::runtime
