#include "runtime/functions/exact_decimal.h"

#include <cmath>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::functions {

namespace {

bool Same(const DecimalValue& value, Int128 unscaled, int32_t scale) {
  return value.unscaled == unscaled && value.scale == scale;
}

}  // namespace

TEST_CASE("SetScale rounds as BigDecimal.setScale") {
  const DecimalValue minus_two_point_five{-25, 1};
  CHECK(Same(SetScale(minus_two_point_five, 0, RoundingMode::kDown), -2, 0));
  CHECK(Same(SetScale(minus_two_point_five, 0, RoundingMode::kFloor), -3, 0));
  CHECK(Same(SetScale(minus_two_point_five, 0, RoundingMode::kCeiling), -2, 0));
  CHECK(Same(SetScale(minus_two_point_five, 0, RoundingMode::kHalfUp), -3, 0));
  CHECK(Same(SetScale(minus_two_point_five, 0, RoundingMode::kHalfDown), -2, 0));
  CHECK(Same(SetScale({26, 1}, 0, RoundingMode::kHalfDown), 3, 0));
  CHECK(Same(SetScale({12345, 2}, -1, RoundingMode::kHalfUp), 12, -1));
  CHECK(Same(SetScale({5, 0}, 3, RoundingMode::kDown), 5000, 3));
  CHECK(Same(SetScale({7, 40}, 0, RoundingMode::kCeiling), 1, 0));
  CHECK(Same(SetScale({-7, 40}, 0, RoundingMode::kFloor), -1, 0));
  CHECK(Same(SetScale({7, 40}, 0, RoundingMode::kHalfUp), 0, 0));
  CHECK_THROWS_AS(SetScale({PowerOfTen(37), 0}, 2, RoundingMode::kDown), Error);
}

TEST_CASE("DecimalFromDouble takes the shortest decimal, as BigDecimal.valueOf") {
  CHECK(DecimalToDouble(DecimalFromDouble(0.1)) == 0.1);
  const DecimalValue tenth = DecimalFromDouble(0.1);
  CHECK(tenth.unscaled * PowerOfTen(10 - tenth.scale) == PowerOfTen(9));
  const DecimalValue big = DecimalFromDouble(1e300);
  CHECK(Same(big, 1, -300));
  const DecimalValue negative = DecimalFromDouble(-12345.678);
  CHECK(DecimalToDouble(negative) == -12345.678);
  CHECK(negative.unscaled * PowerOfTen(3 - negative.scale) == -12345678);
  CHECK(DecimalToDouble(DecimalFromDouble(-0.0)) == 0.0);
  CHECK_THROWS_AS(DecimalFromDouble(std::nan("")), Error);
  CHECK_THROWS_AS(DecimalFromDouble(INFINITY), Error);
}

TEST_CASE("NumericAsDouble reads every numeric storage") {
  CHECK(NumericAsDouble(Value::Int32(-3)) == -3.0);
  CHECK(NumericAsDouble(Value::Int64(1LL << 40)) == 1099511627776.0);
  CHECK(NumericAsDouble(Value::Double(2.5)) == 2.5);
  CHECK(NumericAsDouble(Value::Decimal({-125, 2})) == -1.25);
}

}  // namespace fluxo::functions
