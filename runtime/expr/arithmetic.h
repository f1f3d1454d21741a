#pragma once

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

enum class ArithmeticOperator : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kModulus };

/// Returns the result type of `left op right` under ksqlDB's rules (INT op INT -> INT,
/// INT op BIGINT -> BIGINT, anything op DOUBLE -> DOUBLE, DECIMAL precision/scale rules of
/// ksqlDB's DecimalUtil; STRING + STRING -> STRING concatenation), or nullptr when the types
/// do not combine.
SqlTypePtr ArithmeticResultType(ArithmeticOperator op, const SqlType& left, const SqlType& right);

/// Computes `left op right`, both already cast to `result` (use CastValue first). NULL when
/// either is NULL. Integer overflow wraps as in Java; integer division by zero and modulus by
/// zero throw fluxo::Error of kind kExecution; DOUBLE division by zero gives Infinity/NaN as in
/// Java; DECIMAL division rounds half-up to the result scale.
Value EvaluateArithmetic(ArithmeticOperator op,
                         const Value& left,
                         const Value& right,
                         const SqlType& result);

/// Computes `-value` for a numeric type (NULL stays NULL).
Value Negate(const Value& value, const SqlType& type);

}  // namespace fluxo::expr
