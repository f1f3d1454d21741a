#include "runtime/expr/decimal_arithmetic.h"

#include <functional>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::expr {

namespace {

DecimalValue Dec(Int128 unscaled, int32_t scale) {
  return DecimalValue{unscaled, scale};
}

// Parses a long run of digits, for values beyond 64 bits.
Int128 Big(const char* digits) {
  Int128 value = 0;
  bool negative = false;
  for (const char* c = digits; *c != '\0'; ++c) {
    if (*c == '-') {
      negative = true;
    } else {
      value = value * 10 + (*c - '0');
    }
  }
  return negative ? -value : value;
}

bool ThrowsExecution(const std::function<void()>& operation) {
  try {
    operation();
  } catch (const Error& error) {
    return error.kind() == ErrorKind::kExecution;
  }
  return false;
}

}  // namespace

TEST_SUITE("expr") {
  TEST_CASE("powers of ten, digit counts and precision checks") {
    CHECK(Int128ToString(PowerOfTen(0)) == "1");
    CHECK(Int128ToString(PowerOfTen(38)) == "100000000000000000000000000000000000000");
    CHECK(DecimalDigitCount(0) == 1);
    CHECK(DecimalDigitCount(999) == 3);
    CHECK(DecimalDigitCount(-1000) == 4);
    CHECK(FitsPrecision(9999, 4));
    CHECK(FitsPrecision(-9999, 4));
    CHECK_FALSE(FitsPrecision(10000, 4));
    CHECK(Int128ToString(-1234) == "-1234");
    CHECK(Int128ToString(0) == "0");
  }

  TEST_CASE("decimal types: integers as decimals, and the 38-digit bound") {
    CHECK(*DecimalTypeOf(*SqlType::Int()) == *SqlType::Decimal(10, 0));
    CHECK(*DecimalTypeOf(*SqlType::Bigint()) == *SqlType::Decimal(19, 0));
    CHECK(*DecimalTypeOf(*SqlType::Decimal(4, 2)) == *SqlType::Decimal(4, 2));
    CHECK(DecimalTypeOf(*SqlType::String()) == nullptr);
    CHECK(*BoundedDecimalType(10, 2) == *SqlType::Decimal(10, 2));
    CHECK(*BoundedDecimalType(41, 20) == *SqlType::Decimal(38, 17));  // Scale gives way.
    CHECK(*BoundedDecimalType(77, 0) == *SqlType::Decimal(38, 0));
  }

  TEST_CASE("rescaling rounds half-up, away from zero") {
    CHECK(RescaleDecimal(Dec(1234, 2), 1) == Dec(123, 1));
    CHECK(RescaleDecimal(Dec(1235, 2), 1) == Dec(124, 1));
    CHECK(RescaleDecimal(Dec(-1235, 2), 1) == Dec(-124, 1));
    CHECK(RescaleDecimal(Dec(-1234, 2), 1) == Dec(-123, 1));
    CHECK(RescaleDecimal(Dec(1234, 2), 4) == Dec(123400, 4));
    CHECK_FALSE(RescaleDecimal(Dec(PowerOfTen(37), 0), 5).has_value());
  }

  TEST_CASE("comparison by value across scales, also beyond 128 bits once aligned") {
    CHECK(CompareDecimals(Dec(120, 2), Dec(12, 1)) == 0);
    CHECK(CompareDecimals(Dec(-1, 0), Dec(5, 3)) < 0);
    CHECK(CompareDecimals(Dec(119, 2), Dec(1200, 3)) < 0);
    CHECK(CompareDecimals(Dec(-5, 0), Dec(-4, 0)) < 0);
    // 10^37 against 1E-38: aligning to scale 38 needs 10^75.
    CHECK(CompareDecimals(Dec(PowerOfTen(37), 0), Dec(1, 38)) > 0);
    CHECK(CompareDecimals(Dec(0, 5), Dec(0, 0)) == 0);
  }

  TEST_CASE("conversions to double and integer part") {
    CHECK(DecimalToDouble(Dec(1001, 2)) == 10.01);
    CHECK(DecimalToDouble(Dec(1, 1)) == 0.1);
    CHECK(DecimalToDouble(Dec(-5, 0)) == -5.0);
    CHECK(DecimalIntegerPart(Dec(-1999, 3)) == -1);
    CHECK(DecimalIntegerPart(Dec(1999, 3)) == 1);
  }

  TEST_CASE("addition and subtraction (QTT decimal.json)") {
    // DECIMAL(4,2) + DECIMAL(4,2) is DECIMAL(5,2).
    CHECK(AddDecimals(Dec(1001, 2), Dec(510, 2), 5, 2) == Dec(1511, 2));
    CHECK(AddDecimals(Dec(1001, 2), Dec(-500, 2), 5, 2) == Dec(501, 2));
    CHECK(AddDecimals(Dec(1001, 2), Dec(0, 2), 5, 2) == Dec(1001, 2));
    // DECIMAL(4,2) + INT (as DECIMAL(10,0)) is DECIMAL(13,2): 10.01 + 5 = 15.01.
    CHECK(AddDecimals(Dec(1001, 2), Dec(5, 0), 13, 2) == Dec(1501, 2));
    CHECK(SubtractDecimals(Dec(1010, 2), Dec(510, 2), 5, 2) == Dec(500, 2));
    CHECK(SubtractDecimals(Dec(1010, 2), Dec(-500, 2), 5, 2) == Dec(1510, 2));
    CHECK(SubtractDecimals(Dec(-100, 2), Dec(-100, 2), 5, 2) == Dec(0, 2));
    CHECK(ThrowsExecution([] { AddDecimals(Dec(999, 0), Dec(1, 0), 3, 0); }));
  }

  TEST_CASE("multiplication, including products beyond 64 bits") {
    // DECIMAL(4,2) * DECIMAL(4,2) is DECIMAL(9,4).
    CHECK(MultiplyDecimals(Dec(1010, 2), Dec(200, 2), 9, 4) == Dec(202000, 4));
    CHECK(MultiplyDecimals(Dec(1010, 2), Dec(-200, 2), 9, 4) == Dec(-202000, 4));
    CHECK(MultiplyDecimals(Dec(1010, 2), Dec(0, 2), 9, 4) == Dec(0, 4));
    // (10^19 - 1)^2 = 10^38 - 2 * 10^19 + 1, 38 digits.
    const Int128 nines = Big("9999999999999999999");
    CHECK(MultiplyDecimals(Dec(nines, 0), Dec(nines, 0), 38, 0) ==
          Dec(Big("99999999999999999980000000000000000001"), 0));
    CHECK(ThrowsExecution([] { MultiplyDecimals(Dec(PowerOfTen(37), 0), Dec(10, 0), 38, 0); }));
    // A result type bounded to 38 digits rounds the scale it lost: 1.0000000001^2 at scale 17.
    const Int128 factor = Big("10000000001");
    CHECK(MultiplyDecimals(Dec(factor, 10), Dec(factor, 10), 38, 17) ==
          Dec(Big("100000000020000000"), 17));
  }

  TEST_CASE("division is exact or an error, as with RoundingMode.UNNECESSARY") {
    // DECIMAL(4,2) / DECIMAL(4,2) is DECIMAL(11,7): 10.10 / 2.00 = 5.0500000.
    CHECK(DivideDecimals(Dec(1010, 2), Dec(200, 2), 11, 7) == Dec(50500000, 7));
    CHECK(DivideDecimals(Dec(1010, 2), Dec(-200, 2), 11, 7) == Dec(-50500000, 7));
    CHECK(DivideDecimals(Dec(0, 2), Dec(500, 2), 11, 7) == Dec(0, 7));
    // DECIMAL(4,0) / DECIMAL(4,0) is DECIMAL(10,6): 1/8 = 0.125000.
    CHECK(DivideDecimals(Dec(1, 0), Dec(8, 0), 10, 6) == Dec(125000, 6));
    CHECK(ThrowsExecution([] { DivideDecimals(Dec(1010, 2), Dec(0, 2), 11, 7); }));
    CHECK(ThrowsExecution([] { DivideDecimals(Dec(0, 2), Dec(0, 2), 11, 7); }));
    CHECK(ThrowsExecution([] { DivideDecimals(Dec(100, 2), Dec(300, 2), 11, 7); }));  // 1/3
    // 1/1024 = 0.0009765625 needs ten places; the type has six.
    CHECK(ThrowsExecution([] { DivideDecimals(Dec(1, 0), Dec(1024, 0), 10, 6); }));
    // A 38-digit dividend scaled by 10^13 needs 256 bits on the way: 10^37 / 10^20 = 10^17.
    CHECK(DivideDecimals(Dec(PowerOfTen(37), 0), Dec(PowerOfTen(20), 0), 38, 13) ==
          Dec(PowerOfTen(30), 13));
  }

  TEST_CASE("remainder takes the dividend's sign") {
    // DECIMAL(4,2) % DECIMAL(4,2) is DECIMAL(4,2).
    CHECK(RemainderDecimals(Dec(1010, 2), Dec(200, 2), 4, 2) == Dec(10, 2));
    CHECK(RemainderDecimals(Dec(1010, 2), Dec(-200, 2), 4, 2) == Dec(10, 2));
    CHECK(RemainderDecimals(Dec(-1010, 2), Dec(200, 2), 4, 2) == Dec(-10, 2));
    CHECK(RemainderDecimals(Dec(150, 2), Dec(2, 0), 4, 2) == Dec(150, 2));
    CHECK(ThrowsExecution([] { RemainderDecimals(Dec(1010, 2), Dec(0, 2), 4, 2); }));
  }

  TEST_CASE("the 128-bit fast paths keep the general path's results and errors") {
    // Scales aligned in 128 bits; a result one digit too wide still fails.
    CHECK(AddDecimals(Dec(5, 1), Dec(5, 2), 4, 2) == Dec(55, 2));
    CHECK(AddDecimals(Dec(-5, 1), Dec(5, 2), 4, 2) == Dec(-45, 2));
    CHECK(ThrowsExecution([] { AddDecimals(Dec(9999, 2), Dec(1, 2), 4, 2); }));
    const Int128 max38 = PowerOfTen(38) - 1;
    CHECK(AddDecimals(Dec(max38, 0), Dec(-max38, 0), 38, 0) == Dec(0, 0));
    CHECK(ThrowsExecution([] { AddDecimals(Dec(PowerOfTen(38) - 1, 0), Dec(1, 0), 38, 0); }));
    // Aligning 10^37 to scale 5 overflows 128 bits: the general path decides (it does not fit).
    CHECK(ThrowsExecution([] { AddDecimals(Dec(PowerOfTen(37), 0), Dec(1, 5), 38, 5); }));
    // Products: exact at the summed scale, one digit too many fails, 128-bit overflow too.
    CHECK(MultiplyDecimals(Dec(99999, 0), Dec(99999, 0), 10, 0) == Dec(9999800001, 0));
    CHECK(ThrowsExecution([] { MultiplyDecimals(Dec(99999, 0), Dec(99999, 0), 9, 0); }));
    CHECK(ThrowsExecution(
        [] { MultiplyDecimals(Dec(PowerOfTen(20), 0), Dec(PowerOfTen(20), 0), 38, 0); }));
    CHECK(MultiplyDecimals(Dec(-123, 0), Dec(908, 3), 23, 3) == Dec(-111684, 3));
    // A result scale below the summed one rounds half-up, on the general path.
    CHECK(MultiplyDecimals(Dec(15, 1), Dec(15, 1), 5, 1) == Dec(23, 1));
  }

  TEST_CASE("remainder fails when the integer quotient needs more digits than the precision") {
    // DECIMAL(10,2) % DECIMAL(3,2) is DECIMAL(3,2); 12345678.00 % 1.00 has quotient 12345678.
    CHECK(ThrowsExecution([] { RemainderDecimals(Dec(1234567800, 2), Dec(100, 2), 3, 2); }));
    // 12000000 needs only two significant digits.
    CHECK(RemainderDecimals(Dec(1200000000, 2), Dec(100, 2), 3, 2) == Dec(0, 2));
  }
}

}  // namespace fluxo::expr
