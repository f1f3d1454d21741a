#include "runtime/expr/decimal_arithmetic.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <string>

#include "runtime/core/error.h"
#include "runtime/expr/uint256.h"

namespace fluxo::expr {

namespace {

// 10^77 is the largest power of ten below 2^256.
constexpr int kMaxWideDigits = 77;

// 10^38 is the largest power of ten below 2^127.
constexpr int kMaxPowerOfTen = 38;

bool FitsInt64(Int128 value) {
  return value >= std::numeric_limits<int64_t>::min() &&
         value <= std::numeric_limits<int64_t>::max();
}

// |value| * 10^shift into `result`, for 0 <= shift <= 38; false when it does not fit 127 bits.
bool ScaleUpExactly(Int128 value, int shift, Int128& result) {
  return !__builtin_mul_overflow(value, PowerOfTen(shift), &result);
}

// A decimal magnitude in 256 bits with its sign; the scale travels separately.
struct SignedWide {
  bool negative = false;
  UInt256 magnitude;
};

UInt128 Magnitude(Int128 value) {
  return value < 0 ? static_cast<UInt128>(-value) : static_cast<UInt128>(value);
}

// |value| * 10^(scale - value.scale), for scale >= value.scale.
UInt256 AlignedMagnitude(const DecimalValue& value, int scale) {
  UInt256 result(Magnitude(value.unscaled));
  if (!result.MultiplyByPowerOfTen(scale - value.scale)) {
    throw Error(ErrorKind::kExecution, "Numeric field overflow while aligning DECIMAL scales");
  }
  return result;
}

[[noreturn]] void ThrowOverflow(int precision, int scale) {
  throw Error(ErrorKind::kExecution,
              "Numeric field overflow: the result does not fit DECIMAL(" +
                  std::to_string(precision) + ", " + std::to_string(scale) + ")");
}

// Brings `value` (at `from_scale`) to `to_scale`, rounding half-up when digits are dropped,
// and checks that it fits `precision` digits.
DecimalValue Fit(const SignedWide& value, int from_scale, int to_scale, int precision) {
  UInt256 magnitude = value.magnitude;
  if (to_scale >= from_scale) {
    if (!magnitude.MultiplyByPowerOfTen(to_scale - from_scale)) {
      ThrowOverflow(precision, to_scale);
    }
  } else {
    const UInt256 divisor = UInt256::PowerOfTen(from_scale - to_scale);
    UInt256 quotient;
    UInt256 remainder;
    UInt256::DivideWithRemainder(magnitude, divisor, quotient, remainder);
    // Half-up: round away from zero when the dropped part is at least half the divisor.
    if (UInt256::Compare(UInt256::Add(remainder, remainder), divisor) >= 0) {
      quotient = UInt256::Add(quotient, UInt256(1));
    }
    magnitude = quotient;
  }
  if (UInt256::Compare(magnitude, UInt256::PowerOfTen(precision)) >= 0) {
    ThrowOverflow(precision, to_scale);
  }
  const auto unscaled = static_cast<Int128>(magnitude.ToUInt128());
  return DecimalValue{value.negative ? -unscaled : unscaled, to_scale};
}

SignedWide AddSigned(const SignedWide& left, const SignedWide& right) {
  if (left.negative == right.negative) {
    return {left.negative, UInt256::Add(left.magnitude, right.magnitude)};
  }
  const int order = UInt256::Compare(left.magnitude, right.magnitude);
  if (order >= 0) {
    return {left.negative && order != 0, UInt256::Subtract(left.magnitude, right.magnitude)};
  }
  return {right.negative, UInt256::Subtract(right.magnitude, left.magnitude)};
}

void RequireNonZeroDivisor(const DecimalValue& left, const DecimalValue& right) {
  if (right.unscaled == 0) {
    // BigDecimal says "Division undefined" for 0 / 0 and "Division by zero" otherwise.
    throw Error(ErrorKind::kExecution,
                left.unscaled == 0 ? "Division undefined" : "Division by zero");
  }
}

}  // namespace

Int128 PowerOfTen(int exponent) {
  static constexpr std::array<Int128, kMaxPowerOfTen + 1> kPowers = [] {
    std::array<Int128, kMaxPowerOfTen + 1> powers{};
    powers[0] = 1;
    for (size_t i = 1; i < powers.size(); ++i) {
      powers[i] = powers[i - 1] * 10;
    }
    return powers;
  }();
  if (exponent >= 0 && exponent <= kMaxPowerOfTen) {
    return kPowers[static_cast<size_t>(exponent)];
  }
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) {
    result *= 10;
  }
  return result;
}

int DecimalDigitCount(Int128 value) {
  UInt128 rest = Magnitude(value);
  int digits = 1;
  while (rest >= 10) {
    rest /= 10;
    ++digits;
  }
  return digits;
}

bool FitsPrecision(Int128 unscaled, int precision) {
  return precision > SqlType::kMaxDecimalPrecision ||
         Magnitude(unscaled) < static_cast<UInt128>(PowerOfTen(precision));
}

std::string Int128ToString(Int128 value) {
  UInt128 rest = Magnitude(value);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(rest % 10)));
    rest /= 10;
  } while (rest != 0);
  if (value < 0) {
    digits.push_back('-');
  }
  return {digits.rbegin(), digits.rend()};
}

SqlTypePtr BoundedDecimalType(int precision, int scale) {
  if (precision <= SqlType::kMaxDecimalPrecision) {
    return SqlType::Decimal(precision, scale);
  }
  const int excess = precision - SqlType::kMaxDecimalPrecision;
  return SqlType::Decimal(SqlType::kMaxDecimalPrecision, std::max(0, scale - excess));
}

SqlTypePtr DecimalTypeOf(const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kInt:
      return SqlType::Decimal(10, 0);
    case TypeKind::kBigint:
      return SqlType::Decimal(19, 0);
    case TypeKind::kDecimal:
      return SqlType::Decimal(type.precision(), type.scale());
    default:
      return nullptr;
  }
}

DecimalValue ToDecimalValue(const Value& value) {
  switch (value.storage()) {
    case Value::Storage::kInt32:
      return DecimalValue{value.AsInt32(), 0};
    case Value::Storage::kInt64:
      return DecimalValue{value.AsInt64(), 0};
    case Value::Storage::kDecimal:
      return value.AsDecimal();
    default:
      break;
  }
  throw Error(ErrorKind::kInternal, "Not an exact numeric value: " + value.DebugString());
}

std::optional<DecimalValue> RescaleDecimal(const DecimalValue& value, int scale) {
  if (scale >= value.scale) {
    Int128 unscaled = value.unscaled;
    for (int i = value.scale; i < scale; ++i) {
      if (__builtin_mul_overflow(unscaled, Int128{10}, &unscaled)) {
        return std::nullopt;
      }
    }
    return DecimalValue{unscaled, scale};
  }
  const Int128 divisor = PowerOfTen(value.scale - scale);
  Int128 quotient = value.unscaled / divisor;
  const Int128 remainder = value.unscaled % divisor;  // Same sign as the value.
  if (Magnitude(remainder) * 2 >= static_cast<UInt128>(divisor)) {
    quotient += value.unscaled < 0 ? -1 : 1;
  }
  return DecimalValue{quotient, scale};
}

int CompareDecimals(const DecimalValue& left, const DecimalValue& right) {
  const int left_sign = left.unscaled < 0 ? -1 : (left.unscaled > 0 ? 1 : 0);
  const int right_sign = right.unscaled < 0 ? -1 : (right.unscaled > 0 ? 1 : 0);
  if (left_sign != right_sign || left_sign == 0) {
    return left_sign - right_sign;
  }
  const int scale = std::max(left.scale, right.scale);
  const int order = UInt256::Compare(AlignedMagnitude(left, scale), AlignedMagnitude(right, scale));
  return left_sign > 0 ? order : -order;
}

double DecimalToDouble(const DecimalValue& value) {
  // The shortest exact text, parsed with correct rounding.
  const std::string text = Int128ToString(value.unscaled) + "e-" + std::to_string(value.scale);
  double result = 0;
  std::from_chars(text.data(), text.data() + text.size(), result);
  return result;
}

Int128 DecimalIntegerPart(const DecimalValue& value) {
  return value.unscaled / PowerOfTen(value.scale);
}

DecimalValue AddDecimals(const DecimalValue& left,
                         const DecimalValue& right,
                         int precision,
                         int scale) {
  const int common = std::max(left.scale, right.scale);
  // The common case in 128 bits: no rounding, nothing near overflow.
  if (scale == common && left.scale >= 0 && right.scale >= 0 && common <= kMaxPowerOfTen) {
    Int128 aligned_left = 0;
    Int128 aligned_right = 0;
    Int128 sum = 0;
    if (ScaleUpExactly(left.unscaled, common - left.scale, aligned_left) &&
        ScaleUpExactly(right.unscaled, common - right.scale, aligned_right) &&
        !__builtin_add_overflow(aligned_left, aligned_right, &sum) &&
        FitsPrecision(sum, precision)) {
      return DecimalValue{sum, scale};
    }
  }
  const SignedWide sum = AddSigned({left.unscaled < 0, AlignedMagnitude(left, common)},
                                   {right.unscaled < 0, AlignedMagnitude(right, common)});
  return Fit(sum, common, scale, precision);
}

DecimalValue SubtractDecimals(const DecimalValue& left,
                              const DecimalValue& right,
                              int precision,
                              int scale) {
  return AddDecimals(left, DecimalValue{-right.unscaled, right.scale}, precision, scale);
}

DecimalValue MultiplyDecimals(const DecimalValue& left,
                              const DecimalValue& right,
                              int precision,
                              int scale) {
  // The common case in 128 bits: no rounding, nothing near overflow. Two factors that fit 64
  // bits cannot overflow 128.
  Int128 exact = 0;
  bool exact_fits = false;
  if (scale == left.scale + right.scale) {
    if (FitsInt64(left.unscaled) && FitsInt64(right.unscaled)) {
      exact = Int128{static_cast<int64_t>(left.unscaled)} * static_cast<int64_t>(right.unscaled);
      exact_fits = true;
    } else {
      exact_fits = !__builtin_mul_overflow(left.unscaled, right.unscaled, &exact);
    }
  }
  if (exact_fits && FitsPrecision(exact, precision)) {
    return DecimalValue{exact, scale};
  }
  const SignedWide product{
      (left.unscaled < 0) != (right.unscaled < 0) && left.unscaled != 0 && right.unscaled != 0,
      UInt256::Multiply(Magnitude(left.unscaled), Magnitude(right.unscaled))};
  return Fit(product, left.scale + right.scale, scale, precision);
}

DecimalValue DivideDecimals(const DecimalValue& left,
                            const DecimalValue& right,
                            int precision,
                            int scale) {
  RequireNonZeroDivisor(left, right);
  // left / right at `scale` is (|l| * 10^k) / |r| with k = scale - l.scale + r.scale.
  const int shift = scale - left.scale + right.scale;
  UInt256 dividend(Magnitude(left.unscaled));
  UInt256 divisor(Magnitude(right.unscaled));
  if (shift >= 0) {
    if (DecimalDigitCount(left.unscaled) + shift > kMaxWideDigits) {
      ThrowOverflow(precision, scale);  // The quotient would have more than 38 digits.
    }
    dividend.MultiplyByPowerOfTen(shift);
  } else {
    divisor.MultiplyByPowerOfTen(-shift);
  }
  UInt256 quotient;
  UInt256 remainder;
  UInt256::DivideWithRemainder(dividend, divisor, quotient, remainder);
  if (!remainder.IsZero()) {
    throw Error(
        ErrorKind::kExecution,
        "Rounding necessary: the DECIMAL quotient is not exact at scale " + std::to_string(scale));
  }
  const bool negative = (left.unscaled < 0) != (right.unscaled < 0) && !quotient.IsZero();
  return Fit({negative, quotient}, scale, scale, precision);
}

DecimalValue RemainderDecimals(const DecimalValue& left,
                               const DecimalValue& right,
                               int precision,
                               int scale) {
  RequireNonZeroDivisor(left, right);
  const int common = std::max(left.scale, right.scale);
  const UInt256 dividend = AlignedMagnitude(left, common);
  const UInt256 divisor = AlignedMagnitude(right, common);
  UInt256 quotient;
  UInt256 remainder;
  UInt256::DivideWithRemainder(dividend, divisor, quotient, remainder);
  if (quotient.WithoutTrailingZeros().DigitCount() > precision) {
    throw Error(ErrorKind::kExecution,
                "Division impossible: the integer quotient needs more than " +
                    std::to_string(precision) + " digits");
  }
  return Fit({left.unscaled < 0 && !remainder.IsZero(), remainder}, common, scale, precision);
}

}  // namespace fluxo::expr
