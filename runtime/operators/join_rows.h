#pragma once

#include <optional>
#include <string>

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// What the three join operators share: the join key of an input row, its encoding in the
/// state stores, and the joined rows (the key, the left input's columns, the right input's).
class JoinRows {
 public:
  JoinRows(const planner::JoinStep& step, OperatorContext context);

  /// Evaluates the key of `row` (of input `side`). NULL when the key expression gives NULL or
  /// fails (the failure is logged): such a row joins nothing.
  Value Key(JoinSide side, const Row& row) const;

  /// Returns the bytes a key is stored under: the key, then the window of a windowed row.
  static std::string EncodeKey(const Value& key, const std::optional<WindowBounds>& window);

  /// Returns the values of an input row that the joined row copies (the left input without
  /// the previous join's key).
  ValueList SideValues(JoinSide side, ValueList values) const;

  /// Builds a joined row from the copied values of each side (nullptr: that side is missing,
  /// its columns are NULL).
  Row Join(const Value& key,
           const ValueList* left,
           const ValueList* right,
           int64_t timestamp,
           const std::optional<WindowBounds>& window) const;

  const OperatorContext& context() const { return context_; }

 private:
  expr::EvaluatorPtr left_key_;
  expr::EvaluatorPtr right_key_;
  size_t left_skip_;
  size_t left_width_;   ///< Columns copied from a left row.
  size_t right_width_;  ///< Columns copied from a right row.
  OperatorContext context_;
};

}  // namespace fluxo::runtime
