#pragma once

#include "runtime/core/value.h"

/// Exact decimal arithmetic as java.math.BigDecimal does it, for the functions whose ksqlDB
/// implementation goes through BigDecimal (ROUND, TRUNC, CEIL and FLOOR of decimals and
/// doubles).
namespace fluxo::functions {

/// The rounding modes of java.math.RoundingMode that the functions use.
enum class RoundingMode {
  kDown,      ///< Towards zero.
  kFloor,     ///< Towards negative infinity.
  kCeiling,   ///< Towards positive infinity.
  kHalfUp,    ///< To the nearest; ties away from zero.
  kHalfDown,  ///< To the nearest; ties towards zero.
};

/// Returns 10^exponent for 0 <= exponent <= 38.
Int128 PowerOfTen(int exponent);

/// Returns `value` with `scale` digits after the point (a negative scale rounds to tens,
/// hundreds, ...), rounded with `mode` as BigDecimal.setScale does. Throws kExecution when
/// the result needs more than 38 digits.
DecimalValue SetScale(const DecimalValue& value, int scale, RoundingMode mode);

/// Returns the decimal that Java's BigDecimal.valueOf(double) makes: the shortest decimal
/// that reads back as `value`. Throws kExecution for NaN and the infinities, as Java does.
DecimalValue DecimalFromDouble(double value);

/// Returns the double nearest to `value`, as BigDecimal.doubleValue does.
double DecimalToDouble(const DecimalValue& value);

/// Returns an INT, BIGINT, DOUBLE or DECIMAL value as a double (Java's Number.doubleValue).
double NumericAsDouble(const Value& value);

}  // namespace fluxo::functions
