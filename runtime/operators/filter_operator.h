#pragma once

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// WHERE over a stream. Consumes inserts; keeps the rows whose predicate is TRUE (FALSE and
/// NULL drop the row). Null-valued records (tombstones) are dropped, as ksqlDB does for
/// streams. No state. A row whose predicate fails to evaluate is skipped and logged.
class FilterOperator final : public Operator {
 public:
  FilterOperator(const planner::FilterStep& step, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  expr::EvaluatorPtr predicate_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
