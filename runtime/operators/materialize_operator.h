#pragma once

#include "planner/physical/physical_plan.h"
#include "runtime/operators/materialized_table.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// Keeps the current rows of a query's TABLE result for pull queries. Consumes the rows on
/// their way to the sink (a table's changelog) and passes them on unchanged. State: one
/// MaterializedTable in the key-value store the step names, one entry per key (and window).
/// Reads the changelog as the sink writes it: a tombstone deletes its key's row, an
/// update-before is ignored (the update-after that follows replaces the row), any other row
/// becomes its key's row. A row without a key (or, for a windowed table, without a window) is
/// not stored, since a table reading the sink topic would ignore it too.
class MaterializeOperator final : public Operator {
 public:
  MaterializeOperator(const planner::MaterializeStep& step, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  MaterializedTable table_;
  bool windowed_;
};

}  // namespace fluxo::runtime
