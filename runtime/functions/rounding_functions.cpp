#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/exact_decimal.h"
#include "runtime/functions/function_signature.h"

namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "MATHEMATICAL";
constexpr double kTwoToThe52 = 4503599627370496.0;
constexpr double kTwoToThe63 = 9223372036854775808.0;

/// Converts an integral double to a long as Java's (long) cast does: NaN gives 0 and values
/// beyond the range give Long.MIN_VALUE or Long.MAX_VALUE.
int64_t SaturatingLong(double integral) {
  if (std::isnan(integral)) {
    return 0;
  }
  if (integral >= kTwoToThe63) {
    return std::numeric_limits<int64_t>::max();
  }
  if (integral < -kTwoToThe63) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(integral);
}

/// Java's Math.round: the nearest long, ties towards positive infinity.
int64_t JavaRound(double value) {
  if (!(std::fabs(value) < kTwoToThe52)) {
    return SaturatingLong(value);  // Already integral (or NaN, or infinite).
  }
  const double floor = std::floor(value);
  // floor + 0.5 is exact wherever value has a fraction, so the comparison is exact too.
  return SaturatingLong(value >= floor + 0.5 ? floor + 1 : floor);
}

/// ksqlDB rounds ties towards positive infinity (as Math.round does) for every type: half up
/// above zero and half down otherwise.
RoundingMode HalfTowardsPositive(bool positive) {
  return positive ? RoundingMode::kHalfUp : RoundingMode::kHalfDown;
}

/// Rounds `value` to `places` digits after the point (negative: before it) through the
/// shortest decimal that reads back as `value`, as BigDecimal.valueOf(value).setScale does.
double RoundDouble(double value, int32_t places, bool truncate) {
  const DecimalValue exact = DecimalFromDouble(value);
  if (places >= exact.scale) {
    return DecimalToDouble(exact);
  }
  const RoundingMode mode = truncate ? RoundingMode::kDown : HalfTowardsPositive(value > 0);
  return DecimalToDouble(SetScale(exact, places, mode));
}

/// Rounds a decimal to `places` digits but keeps its scale (ksqlDB issue 6235).
DecimalValue RoundDecimalKeepingScale(const DecimalValue& value, int32_t places, bool truncate) {
  if (places >= value.scale) {
    return value;
  }
  const RoundingMode mode =
      truncate ? RoundingMode::kDown : HalfTowardsPositive(value.unscaled > 0);
  return SetScale(SetScale(value, places, mode), value.scale, RoundingMode::kDown);
}

/// ROUND(DECIMAL(p, s)) and TRUNC(DECIMAL(p, s)) return DECIMAL(p - s, 0).
SqlTypePtr IntegralDecimal(const std::vector<SqlTypePtr>& parameters) {
  const SqlType& decimal = *parameters[0];
  return SqlType::Decimal(std::max(1, decimal.precision() - decimal.scale()), 0);
}

SqlTypePtr SameDecimal(const std::vector<SqlTypePtr>& parameters) {
  return parameters[0];
}

/// Adds ROUND or TRUNC; they differ only in how they drop digits.
void AddRoundingFunction(FunctionRegistry& registry,
                         const std::string& name,
                         const std::string& description,
                         bool truncate) {
  registry.Add(
      {name, kCategory, description, {}},
      {
          MakeOverload(name + "(BIGINT value) -> BIGINT",
                       [](const ValueList& args) { return args[0]; }),
          MakeOverload(name + "(INT value) -> BIGINT",
                       [](const ValueList& args) { return Value::Int64(args[0].AsInt32()); }),
          MakeOverload(name + "(DOUBLE value) -> BIGINT",
                       [truncate](const ValueList& args) {
                         const double value = args[0].AsDouble();
                         return Value::Int64(truncate ? SaturatingLong(std::trunc(value))
                                                      : JavaRound(value));
                       }),
          MakeOverload(name + "(DOUBLE value, INT decimalPlaces) -> DOUBLE",
                       [truncate](const ValueList& args) {
                         return Value::Double(
                             RoundDouble(args[0].AsDouble(), args[1].AsInt32(), truncate));
                       }),
          MakeOverload(
              name + "(DECIMAL value) -> DECIMAL",
              [truncate](const ValueList& args) {
                const DecimalValue& value = args[0].AsDecimal();
                const RoundingMode mode =
                    truncate ? RoundingMode::kDown : HalfTowardsPositive(value.unscaled > 0);
                return Value::Decimal(SetScale(value, 0, mode));
              },
              NullPolicy::kNullOnNullInput,
              IntegralDecimal),
          MakeOverload(
              name + "(DECIMAL value, INT decimalPlaces) -> DECIMAL",
              [truncate](const ValueList& args) {
                return Value::Decimal(
                    RoundDecimalKeepingScale(args[0].AsDecimal(), args[1].AsInt32(), truncate));
              },
              NullPolicy::kNullOnNullInput,
              SameDecimal),
      });
}

}  // namespace

void RegisterRoundingFunctions(FunctionRegistry& registry) {
  AddRoundingFunction(registry,
                      "ROUND",
                      "Rounds a value to the given number of decimal places (0 when omitted; "
                      "negative rounds to tens, hundreds, ...), ties towards positive infinity.",
                      false);
  AddRoundingFunction(registry,
                      "TRUNC",
                      "Truncates a value towards zero to the given number of decimal places (0 "
                      "when omitted; negative truncates to tens, hundreds, ...).",
                      true);
}

}  // namespace fluxo::functions
