#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"
#include "runtime/expr/arithmetic.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::expr {

/// What a bound expression node does. Names, implicit casts and function overloads are already
/// resolved: the tree only says what to compute on a row.
enum class BoundKind : uint8_t {
  kLiteral,       ///< `value`
  kColumn,        ///< the row's column `index`
  kPseudocolumn,  ///< ROWTIME, ROWPARTITION, ROWOFFSET, WINDOWSTART or WINDOWEND (`pseudocolumn`)
  kCast,          ///< CAST(children[0] AS type): explicit or implicit
  kArithmetic,    ///< children[0] `arithmetic` children[1]
  kNegate,        ///< -children[0]
  kComparison,    ///< children[0] `comparison` children[1], compared as `operand_type`
  kAnd,           ///< three-valued AND over children
  kOr,            ///< three-valued OR over children
  kNot,           ///< three-valued NOT children[0]
  kIsNull,        ///< children[0] IS NULL (negated: IS NOT NULL)
  kInList,        ///< children[0] IN (children[1..]), compared as `operand_type`
  kLike,          ///< children[0] LIKE children[1] with `escape`
  kCase,          ///< CASE WHEN c0 THEN r0 ... [ELSE e] END: children = c0, r0, c1, r1, ..., [e]
  kFunction,      ///< `function` applied to children
  kField,         ///< children[0] is a STRUCT; take field `index`
  kSubscript,     ///< children[0][children[1]]: ARRAY (1-based, negative from the end) or MAP
  kArray,         ///< ARRAY[children...]
  kMap,           ///< MAP(children[0] := children[1], ...)
  kStruct,        ///< STRUCT(...) with one child per field of `type`
};

enum class ComparisonOperator : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
};

/// The values every row carries besides its columns; WINDOWSTART and WINDOWEND are those of a
/// windowed source's rows (Row::window; NULL when the row has none).
enum class Pseudocolumn : uint8_t { kRowtime, kRowpartition, kRowoffset, kWindowStart, kWindowEnd };

struct BoundExpression;

using BoundExpressionPtr = std::shared_ptr<const BoundExpression>;

/// A typed expression tree produced by the binder (planner/binder) and compiled once into an
/// evaluator (runtime/expr/evaluator.h). Immutable and shared by the plans that use it.
struct BoundExpression {
  BoundKind kind = BoundKind::kLiteral;
  SqlTypePtr type;  ///< The result type; nullptr only for a NULL literal not yet given a type.
  std::vector<BoundExpressionPtr> children;

  Value value;       ///< kLiteral
  size_t index = 0;  ///< kColumn: row position; kField: field position
  Pseudocolumn pseudocolumn = Pseudocolumn::kRowtime;
  ArithmeticOperator arithmetic = ArithmeticOperator::kAdd;
  ComparisonOperator comparison = ComparisonOperator::kEqual;
  SqlTypePtr operand_type;     ///< kComparison, kInList: the type the operands were widened to
  bool negated = false;        ///< kIsNull, kInList, kLike
  std::optional<char> escape;  ///< kLike
  std::shared_ptr<const functions::ResolvedScalarFunction> function;  ///< kFunction

  /// Returns a readable form for EXPLAIN and test failures, e.g. `(#1 + 1:INTEGER)`.
  std::string ToString() const;
};

/// Builds a node; `children` are shared.
BoundExpressionPtr MakeBound(BoundExpression node);

/// Adds, per input column, how many column references `expression` holds: `reads[i]` grows by
/// the number of kColumn nodes with index i (`reads` grows as needed).
void CountColumnReads(const BoundExpression& expression, std::vector<size_t>& reads);

}  // namespace fluxo::expr
