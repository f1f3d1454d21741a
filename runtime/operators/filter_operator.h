#pragma once

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// WHERE. Over a stream: keeps the rows whose predicate is TRUE (FALSE and NULL drop the row)
/// and drops null-valued records, as ksqlDB does. Over a table's changelog: a row that does not
/// pass becomes a delete of its key (it may have passed before) and deletes pass through. No
/// state. A row whose predicate fails to evaluate is treated as not passing and logged.
///
/// Over a changelog that carries the old rows (FilterStep::changelog: an insert, an
/// update-before / update-after pair, or a delete with the old values), a key is deleted only
/// when its old row passed (ksqlDB's filter with old values):
///
///   change          old passes  new passes  emits
///   insert              -           yes     insert
///   insert              -           no      nothing
///   update (U-, U+)     yes         yes     U-, U+
///   update (U-, U+)     yes         no      delete (old values)
///   update (U-, U+)     no          yes     insert
///   update (U-, U+)     no          no      nothing
///   delete              yes         -       delete
///   delete              no          -       nothing
class FilterOperator final : public Operator {
 public:
  FilterOperator(const planner::FilterStep& step, bool over_table, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  bool Passes(const Row& row) const;
  void ProcessChangelog(RowBatch& batch, RowBatch& kept);

  expr::EvaluatorPtr predicate_;
  bool over_table_;
  bool changelog_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
