#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/core/value.h"

namespace fluxo::expr {

/// A decimal number of any size: (negative ? -1 : 1) * digits * 10^exponent. `digits` has no
/// leading zeros and is empty for zero.
struct DecimalDigits {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;

  bool IsZero() const { return digits.empty(); }
};

/// Parses the syntax of Java's `new BigDecimal(String)`: an optional sign, digits with an
/// optional point ("1.5", ".5", "5."), an optional exponent ("1e3", "2E-1"). Nothing for other
/// text, including surrounding spaces.
std::optional<DecimalDigits> ParseDecimalDigits(std::string_view text);

/// Returns the exact value of a finite double ("0.1" is 0.1000000000000000055511151231257827...).
DecimalDigits ExactDigitsOfDouble(double value);

/// Returns the shortest digits that read back as `value` (finite), as Java's Double.toString
/// and BigDecimal.valueOf(double) choose them: 0.1 gives digits "1", exponent -1.
DecimalDigits ShortestDigitsOfDouble(double value);

/// Compares two decimal numbers by value: negative, zero or positive.
int CompareDecimalDigits(const DecimalDigits& left, const DecimalDigits& right);

/// Converts text to DECIMAL(precision, scale) as ksqlDB's DecimalUtil.cast(String) does: parse
/// as BigDecimal (the caller trims), reject values of 10^(precision - scale) or more, then round
/// half-up to `scale`. Nothing when the text does not parse or the value does not fit (also
/// when the rounding itself carries it out of range: 9.99 as DECIMAL(2, 1)).
std::optional<DecimalValue> DecimalFromText(std::string_view text, int precision, int scale);

/// Converts a double as ksqlDB's DecimalUtil.cast(double) does: round its exact binary value
/// half-up to `precision` significant digits, check the range, then round half-up to `scale`
/// (so 0.15 as DECIMAL(3, 1) is 0.2, after 0.150). Nothing for NaN, infinities and overflow.
std::optional<DecimalValue> DecimalFromDouble(double value, int precision, int scale);

/// Writes the value as BigDecimal.toPlainString does: "-12.50", "0.001", "100".
std::string DecimalToPlainString(const DecimalValue& value);

/// Writes the value as BigDecimal.toString does, which switches to exponent notation for small
/// values: "12.50", but "1E-7" for 0.0000001 and "0E-8" for zero at scale 8.
std::string DecimalToJavaString(const DecimalValue& value);

}  // namespace fluxo::expr
