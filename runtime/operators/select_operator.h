#pragma once

#include <optional>
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

  /// Projects one row where it is, as Process projects each row of a batch.
  void ProjectRow(Row& row);

 private:
  struct CompiledColumn {
    expr::EvaluatorPtr evaluator;
    bool is_key = false;
    bool reads_key_only = false;  ///< A key computed from input key columns only.
    /// For a plain column read nowhere else in the projection: the input column whose value
    /// is moved, not copied, into the output.
    std::optional<size_t> moved_from;
    /// In place (in_place_): a computed column written straight to its own slot, which
    /// nothing else reads.
    bool computed_in_place = false;
  };

  /// Computes one column; NULL (logged) when the expression fails.
  Value Evaluate(const CompiledColumn& column, const Row& row) const;
  /// Rewrites the row's values where they are (see in_place_).
  void ProjectInPlace(Row& row);
  /// Builds the row's values in projected_ and swaps them in.
  void ProjectIntoScratch(Row& row);

  std::vector<CompiledColumn> columns_;
  /// Whether the moved columns keep their order and never come from the left of where they
  /// go, so that a row can be rewritten in place (SELECT * and most projections).
  bool in_place_ = false;
  ValueList projected_;  ///< Scratch space for one row's new values.
  ValueList computed_;   ///< Scratch space for the computed columns of one row.
  bool rekeys_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
