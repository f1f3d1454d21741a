#pragma once

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// WHERE. Over a stream: keeps the rows whose predicate is TRUE (FALSE and NULL drop the row)
/// and drops null-valued records, as ksqlDB does. Over a table's changelog: a row that does not
/// pass becomes a delete of its key (it may have passed before) and deletes pass through. No
/// state. A row whose predicate fails to evaluate is treated as not passing and logged.
class FilterOperator final : public Operator {
 public:
  FilterOperator(const planner::FilterStep& step, bool over_table, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  expr::EvaluatorPtr predicate_;
  bool over_table_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
