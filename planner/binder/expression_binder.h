#pragma once

#include "parser/ast/expression.h"
#include "planner/binder/expression_scope.h"
#include "planner/catalog/catalog.h"
#include "runtime/expr/bound_expression.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// Resolves names and types in one expression and inserts the implicit casts ksqlDB applies
/// (INT -> BIGINT -> DECIMAL -> DOUBLE), giving a typed tree for the evaluator. Errors are
/// fluxo::Error of kind kBinding (names) or kType (types) at the span of the node at fault,
/// e.g. `line 1:8: Column 'PRICEE' cannot be resolved. Did you mean 'PRICE'?`.
class ExpressionBinder {
 public:
  ExpressionBinder(const ExpressionScope& scope,
                   const Catalog& catalog,
                   const functions::FunctionRegistry& functions)
      : scope_(scope), catalog_(catalog), functions_(functions) {}

  /// Binds `expression`. A bare NULL literal keeps a null type (its context decides).
  expr::BoundExpressionPtr Bind(const ast::Expression& expression) const;

  /// Binds `expression` and requires a BOOLEAN (or NULL) result, as WHERE and HAVING do.
  expr::BoundExpressionPtr BindCondition(const ast::Expression& expression,
                                         const char* clause) const;

 private:
  const ExpressionScope& scope_;
  const Catalog& catalog_;
  const functions::FunctionRegistry& functions_;
};

/// Wraps `expression` in a cast to `type` unless it already has that type. A NULL literal
/// becomes a typed NULL.
expr::BoundExpressionPtr CastTo(const expr::BoundExpressionPtr& expression, const SqlTypePtr& type);

}  // namespace fluxo::planner
