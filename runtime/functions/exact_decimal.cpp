#include "runtime/functions/exact_decimal.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "runtime/core/error.h"

namespace fluxo::functions {

namespace {

constexpr int kMaxDigits = 38;

Int128 Magnitude(Int128 value) {
  return value < 0 ? -value : value;
}

std::string Int128ToDigits(Int128 value) {
  if (value == 0) {
    return "0";
  }
  const bool negative = value < 0;
  std::string reversed;
  while (value != 0) {
    const int digit = static_cast<int>(value % 10);
    reversed.push_back(static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  return (negative ? "-" : "") + std::string(reversed.rbegin(), reversed.rend());
}

/// Returns the quotient `value / divisor` rounded with `mode`; `divisor` is positive.
Int128 DivideRounded(Int128 value, Int128 divisor, RoundingMode mode) {
  Int128 quotient = value / divisor;
  const Int128 remainder = value % divisor;
  if (remainder == 0) {
    return quotient;
  }
  const int sign = value < 0 ? -1 : 1;
  const Int128 rest = Magnitude(remainder);
  // rest >= divisor - rest compares 2 * rest with divisor without overflowing.
  switch (mode) {
    case RoundingMode::kDown:
      break;
    case RoundingMode::kFloor:
      quotient -= sign < 0 ? 1 : 0;
      break;
    case RoundingMode::kCeiling:
      quotient += sign > 0 ? 1 : 0;
      break;
    case RoundingMode::kHalfUp:
      quotient += rest >= divisor - rest ? sign : 0;
      break;
    case RoundingMode::kHalfDown:
      quotient += rest > divisor - rest ? sign : 0;
      break;
  }
  return quotient;
}

}  // namespace

Int128 PowerOfTen(int exponent) {
  FLUXO_CHECK(exponent >= 0 && exponent <= kMaxDigits, "a power of ten within 38 digits");
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) {
    result *= 10;
  }
  return result;
}

DecimalValue SetScale(const DecimalValue& value, int scale, RoundingMode mode) {
  if (scale >= value.scale) {
    const int shift = scale - value.scale;
    if (value.unscaled == 0) {
      return {0, scale};
    }
    if (shift > kMaxDigits ||
        Magnitude(value.unscaled) >= PowerOfTen(kMaxDigits) / PowerOfTen(shift)) {
      throw Error(ErrorKind::kExecution, "Decimal overflow: more than 38 digits");
    }
    return {value.unscaled * PowerOfTen(shift), scale};
  }
  const int shift = value.scale - scale;
  if (shift > kMaxDigits) {
    // Every unscaled value is below half of 10^shift: only the directed modes move it.
    Int128 unscaled = 0;
    if (mode == RoundingMode::kFloor && value.unscaled < 0) {
      unscaled = -1;
    } else if (mode == RoundingMode::kCeiling && value.unscaled > 0) {
      unscaled = 1;
    }
    return {unscaled, scale};
  }
  return {DivideRounded(value.unscaled, PowerOfTen(shift), mode), scale};
}

DecimalValue DecimalFromDouble(double value) {
  if (!std::isfinite(value)) {
    throw Error(ErrorKind::kExecution, "Infinite or NaN: " + std::to_string(value));
  }
  // The shortest representation that reads back as `value`, as Double.toString gives it.
  char buffer[64];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  FLUXO_CHECK(error == std::errc(), "to_chars of a finite double");
  const std::string text(buffer, end);
  const size_t exponent_at = text.find('e');
  Int128 unscaled = 0;
  int fraction_digits = 0;
  bool after_point = false;
  for (size_t i = 0; i < exponent_at; ++i) {
    const char c = text[i];
    if (c == '.') {
      after_point = true;
    } else if (c >= '0' && c <= '9') {
      unscaled = unscaled * 10 + (c - '0');
      fraction_digits += after_point ? 1 : 0;
    }
  }
  if (text[0] == '-') {
    unscaled = -unscaled;
  }
  const int exponent = std::atoi(text.c_str() + exponent_at + 1);
  return {unscaled, fraction_digits - exponent};
}

double DecimalToDouble(const DecimalValue& value) {
  const std::string text = Int128ToDigits(value.unscaled) + "e" + std::to_string(-value.scale);
  return std::strtod(text.c_str(), nullptr);
}

double NumericAsDouble(const Value& value) {
  switch (value.storage()) {
    case Value::Storage::kInt32:
      return value.AsInt32();
    case Value::Storage::kInt64:
      return static_cast<double>(value.AsInt64());
    case Value::Storage::kDouble:
      return value.AsDouble();
    case Value::Storage::kDecimal:
      return DecimalToDouble(value.AsDecimal());
    default:
      FLUXO_CHECK(false, "a numeric value, got " + value.DebugString());
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace fluxo::functions
