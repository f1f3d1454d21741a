#pragma once

#include <optional>
#include <string>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

/// Exact DECIMAL arithmetic on `DecimalValue`s (a 128-bit unscaled value and a scale), with the
/// results ksqlDB's generated code gets from `java.math.BigDecimal`. Intermediate values are
/// computed in 256 bits, so aligning scales or multiplying two 38-digit values never overflows
/// silently. Operations that ksqlDB lets throw (division by zero, an inexact quotient, a result
/// that does not fit) throw fluxo::Error of kind kExecution.

/// Returns 10^exponent for 0 <= exponent <= 38.
Int128 PowerOfTen(int exponent);

/// Returns the number of decimal digits of |value| (1 for zero).
int DecimalDigitCount(Int128 value);

/// Returns true when |unscaled| < 10^precision, i.e. the value fits DECIMAL(precision, scale).
bool FitsPrecision(Int128 unscaled, int precision);

/// Returns the value in decimal digits, with a leading '-' when negative: "-1234".
std::string Int128ToString(Int128 value);

/// Returns DECIMAL(precision, scale) when precision <= 38. Wider results (ksqlDB's types are
/// unbounded) lose scale first so that the integer digits survive: the scale drops by the
/// excess, never below 0, and the precision becomes 38.
SqlTypePtr BoundedDecimalType(int precision, int scale);

/// Returns the DECIMAL type an INT (DECIMAL(10, 0)), BIGINT (DECIMAL(19, 0)) or DECIMAL (itself)
/// stands for in DECIMAL arithmetic; nullptr for other types.
SqlTypePtr DecimalTypeOf(const SqlType& type);

/// Converts an INT, BIGINT or DECIMAL value to a DecimalValue (integers get scale 0).
DecimalValue ToDecimalValue(const Value& value);

/// Rescales to `scale`, rounding half-up as BigDecimal.setScale(scale, HALF_UP) does; nothing
/// when the result does not fit 128 bits.
std::optional<DecimalValue> RescaleDecimal(const DecimalValue& value, int scale);

/// Compares two decimals by value regardless of scale: negative, zero or positive.
int CompareDecimals(const DecimalValue& left, const DecimalValue& right);

/// Returns the double nearest to the decimal (BigDecimal.doubleValue).
double DecimalToDouble(const DecimalValue& value);

/// Returns the integer part (truncated toward zero) as BigDecimal.toBigInteger does.
Int128 DecimalIntegerPart(const DecimalValue& value);

/// left + right as DECIMAL(precision, scale).
DecimalValue AddDecimals(const DecimalValue& left,
                         const DecimalValue& right,
                         int precision,
                         int scale);

/// left - right as DECIMAL(precision, scale).
DecimalValue SubtractDecimals(const DecimalValue& left,
                              const DecimalValue& right,
                              int precision,
                              int scale);

/// left * right as DECIMAL(precision, scale).
DecimalValue MultiplyDecimals(const DecimalValue& left,
                              const DecimalValue& right,
                              int precision,
                              int scale);

/// left / right as DECIMAL(precision, scale). As in ksqlDB (`divide` with a MathContext of
/// RoundingMode.UNNECESSARY, then `setScale`), the quotient must be exact at `scale`: 1.00 / 4.00
/// works, 1.00 / 3.00 throws, as does a zero divisor.
DecimalValue DivideDecimals(const DecimalValue& left,
                            const DecimalValue& right,
                            int precision,
                            int scale);

/// left % right as DECIMAL(precision, scale): the remainder takes the sign of `left`, as
/// BigDecimal.remainder does. Throws for a zero divisor, and, as BigDecimal.remainder with a
/// MathContext of `precision` digits does, when the integer quotient needs more digits.
DecimalValue RemainderDecimals(const DecimalValue& left,
                               const DecimalValue& right,
                               int precision,
                               int scale);

}  // namespace fluxo::expr
