#pragma once

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

enum class ArithmeticOperator : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kModulus };

/// Returns the result type of `left op right` under ksqlDB's rules (Operator.resultType), or
/// nullptr when the types do not combine:
///  * numbers widen along INT -> BIGINT -> DECIMAL -> DOUBLE: INT op INT is INT, INT op BIGINT
///    is BIGINT, anything op DOUBLE is DOUBLE (DECIMAL included);
///  * DECIMAL op DECIMAL (an INT operand counts as DECIMAL(10, 0), a BIGINT as DECIMAL(19, 0)),
///    with s = max(s1, s2) (SqlDecimal):
///      + and -: DECIMAL(max(p1 - s1, p2 - s2) + s + 1, s)
///      *:       DECIMAL(p1 + p2 + 1, s1 + s2)
///      /:       DECIMAL(p1 - s1 + s2 + max(6, s1 + p2 + 1), max(6, s1 + p2 + 1))
///      %:       DECIMAL(min(p1 - s1, p2 - s2) + s, s)
///    bounded to 38 digits by BoundedDecimalType (ksqlDB's decimals are unbounded);
///  * STRING + STRING is STRING (concatenation).
SqlTypePtr ArithmeticResultType(ArithmeticOperator op, const SqlType& left, const SqlType& right);

/// Returns the type an operand of type `operand` is cast to before EvaluateArithmetic computes
/// a `result`: the result type itself, except for a DECIMAL result, where each operand keeps
/// its own DECIMAL type (INT -> DECIMAL(10, 0), BIGINT -> DECIMAL(19, 0)), as ksqlDB does.
/// Casting a DECIMAL operand to a DECIMAL result type instead can overflow (a % divisor wider
/// than the result, a / divisor with more integer digits than the quotient).
SqlTypePtr ArithmeticOperandType(const SqlType& operand, const SqlType& result);

/// Computes `left op right` of type `result`. NULL when either is NULL. The operands are cast
/// to ArithmeticOperandType first; for a DOUBLE, BIGINT or DECIMAL result, operands of a
/// narrower numeric storage (INT, BIGINT, DECIMAL at any scale) are also accepted as they are.
///  * INT and BIGINT wrap around on overflow as Java's int and long do; / truncates toward
///    zero; % takes the sign of the dividend; division or modulus by zero throws
///    fluxo::Error(kExecution) ("/ by zero"), as Java's ArithmeticException does.
///  * DOUBLE follows IEEE-754 (x / 0.0 is Infinity or NaN, % is Java's fmod-like remainder).
///  * DECIMAL is exact (decimal_arithmetic.h); where ksqlDB's BigDecimal code throws, this
///    throws fluxo::Error(kExecution): division or modulus by zero, a quotient that is not
///    exact at the result scale (1.00 / 3.00), a result that does not fit.
///  * STRING + STRING concatenates.
/// ksqlDB catches such an error, writes it to the processing log and uses NULL for the whole
/// expression (the record is still emitted: QTT decimal.json "division").
Value EvaluateArithmetic(ArithmeticOperator op,
                         const Value& left,
                         const Value& right,
                         const SqlType& result);

/// Computes `-value` for a numeric type (NULL stays NULL). INT and BIGINT wrap around as in
/// Java (-(-2147483648) is -2147483648).
Value Negate(const Value& value, const SqlType& type);

}  // namespace fluxo::expr
