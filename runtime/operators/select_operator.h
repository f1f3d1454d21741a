#pragma once

#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// Computes each row's new layout: a projection (SELECT) or a re-keying (PARTITION BY).
/// Consumes stream inserts; keeps no state. A null-valued record stays null-valued: its key
/// columns are still computed when their expressions read only the old key, and are NULL when
/// they read the (missing) value. An expression that fails on a row gives NULL there,
/// and the failure is counted and logged with the row's offset (ksqlDB's behaviour: the row is
/// still emitted).
class SelectOperator final : public Operator {
 public:
  SelectOperator(const planner::SelectStep& step, bool rekeys, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  struct CompiledColumn {
    expr::EvaluatorPtr evaluator;
    bool is_key = false;
    bool reads_key_only = false;  ///< A key computed from input key columns only.
  };

  std::vector<CompiledColumn> columns_;
  bool rekeys_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
