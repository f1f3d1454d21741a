#pragma once

#include <memory>

#include "runtime/core/row_batch.h"
#include "runtime/core/value.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::expr {

/// A compiled expression: computes one value from one row. Built once per query by
/// CompileExpression; the choice of node class (by kind and type) happens then, so evaluating a
/// row is a walk over already-specialised nodes. Not thread-safe; one per task.
class Evaluator {
 public:
  virtual ~Evaluator() = default;

  /// Computes the expression on `row`. Throws fluxo::Error of kind kExecution when the row
  /// cannot be evaluated (division by zero, a function failing); the caller skips the row and
  /// logs it.
  virtual Value Evaluate(const Row& row) const = 0;
};

using EvaluatorPtr = std::unique_ptr<Evaluator>;

/// Compiles a bound expression into an evaluator.
EvaluatorPtr CompileExpression(const BoundExpressionPtr& expression);

/// Returns the SQL truth of a BOOLEAN value: true only for TRUE (NULL and FALSE are not true),
/// as WHERE and HAVING read it.
inline bool IsTrue(const Value& value) {
  return !value.IsNull() && value.AsBoolean();
}

}  // namespace fluxo::expr
