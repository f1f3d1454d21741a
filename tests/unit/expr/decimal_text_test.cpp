#include "runtime/expr/decimal_text.h"

#include <cmath>
#include <limits>

#include <doctest/doctest.h>

namespace fluxo::expr {

namespace {

DecimalValue Dec(Int128 unscaled, int32_t scale) {
  return DecimalValue{unscaled, scale};
}

bool DigitsAre(const std::optional<DecimalDigits>& value,
               bool negative,
               const std::string& digits,
               int64_t exponent) {
  return value.has_value() && value->negative == negative && value->digits == digits &&
         value->exponent == exponent;
}

}  // namespace

TEST_SUITE("expr") {
  TEST_CASE("BigDecimal text syntax") {
    CHECK(DigitsAre(ParseDecimalDigits("1.50"), false, "150", -2));
    CHECK(DigitsAre(ParseDecimalDigits(".5"), false, "5", -1));
    CHECK(DigitsAre(ParseDecimalDigits("5."), false, "5", 0));
    CHECK(DigitsAre(ParseDecimalDigits("-007.25"), true, "725", -2));
    CHECK(DigitsAre(ParseDecimalDigits("1e3"), false, "1", 3));
    CHECK(DigitsAre(ParseDecimalDigits("+2E-1"), false, "2", -1));
    CHECK(ParseDecimalDigits("-0.00")->IsZero());
    for (const char* bad : {"",
                            ".",
                            "-",
                            "1e",
                            "1e+",
                            "abc",
                            " 1",
                            "1 ",
                            "1.2.3",
                            "0x10",
                            "NaN",
                            "Infinity",
                            "1,5"}) {
      CAPTURE(bad);
      CHECK_FALSE(ParseDecimalDigits(bad).has_value());
    }
  }

  TEST_CASE("exact and shortest digits of doubles") {
    // 0.1 is really 0.1000000000000000055511151231257827021181583404541015625.
    const DecimalDigits exact = ExactDigitsOfDouble(0.1);
    CHECK(exact.digits == "1000000000000000055511151231257827021181583404541015625");
    CHECK(exact.exponent == -55);
    CHECK(DigitsAre(ShortestDigitsOfDouble(0.1), false, "1", -1));
    CHECK(DigitsAre(ShortestDigitsOfDouble(1e23), false, "1", 23));
    CHECK(DigitsAre(ShortestDigitsOfDouble(-123.456), true, "123456", -3));
    CHECK(DigitsAre(ExactDigitsOfDouble(-2.5), true, "25", -1));
  }

  TEST_CASE("comparing decimal digits") {
    const auto parse = [](const char* text) { return *ParseDecimalDigits(text); };
    CHECK(CompareDecimalDigits(parse("1.10"), parse("1.1")) == 0);
    CHECK(CompareDecimalDigits(parse("1.1"), parse("1.10000000000000001")) < 0);
    CHECK(CompareDecimalDigits(parse("-2"), parse("-10")) > 0);
    CHECK(CompareDecimalDigits(parse("0"), parse("-0.5")) > 0);
    CHECK(CompareDecimalDigits(parse("100"), parse("99.99")) > 0);
    CHECK(CompareDecimalDigits(parse("0.0"), parse("-0")) == 0);
  }

  TEST_CASE("text to DECIMAL(2,1) (QTT cast.json: string to decimal)") {
    CHECK(DecimalFromText("0.1", 2, 1) == Dec(1, 1));
    CHECK(DecimalFromText("1.1", 2, 1) == Dec(11, 1));
    CHECK(DecimalFromText("0.0", 2, 1) == Dec(0, 1));
    CHECK(DecimalFromText("0.99", 2, 1) == Dec(10, 1));
    CHECK(DecimalFromText("0.10", 2, 1) == Dec(1, 1));
    CHECK(DecimalFromText("0.01", 2, 1) == Dec(0, 1));
    CHECK(DecimalFromText("-9.94", 2, 1) == Dec(-99, 1));
    CHECK(DecimalFromText("1e-1", 2, 1) == Dec(1, 1));
    CHECK_FALSE(DecimalFromText("10", 2, 1).has_value());    // 10 >= 10^(2-1)
    CHECK_FALSE(DecimalFromText("9.99", 2, 1).has_value());  // rounds to 10.0
    CHECK_FALSE(DecimalFromText("abc", 2, 1).has_value());
    CHECK_FALSE(DecimalFromText("1e400", 38, 0).has_value());
    CHECK(DecimalFromText("1e-400", 38, 2) == Dec(0, 2));
  }

  TEST_CASE("double to DECIMAL rounds to the precision first (QTT cast.json: double to decimal)") {
    CHECK(DecimalFromDouble(0.1, 2, 1) == Dec(1, 1));
    CHECK(DecimalFromDouble(1.1, 2, 1) == Dec(11, 1));
    CHECK(DecimalFromDouble(0.0, 2, 1) == Dec(0, 1));
    CHECK(DecimalFromDouble(0.99, 2, 1) == Dec(10, 1));
    CHECK(DecimalFromDouble(0.10, 2, 1) == Dec(1, 1));
    CHECK(DecimalFromDouble(0.01, 2, 1) == Dec(0, 1));
    // 0.15 is 0.14999999999999999444...: three significant digits make it 0.150, which
    // rounds half-up to 0.2; with twenty significant digits it stays below the half.
    CHECK(DecimalFromDouble(0.15, 3, 1) == Dec(2, 1));
    CHECK(DecimalFromDouble(0.15, 20, 1) == Dec(1, 1));
    CHECK(DecimalFromDouble(-1.25, 3, 1) == Dec(-13, 1));
    CHECK_FALSE(DecimalFromDouble(10.0, 2, 1).has_value());
    CHECK_FALSE(DecimalFromDouble(1e300, 38, 0).has_value());
    CHECK_FALSE(DecimalFromDouble(std::nan(""), 10, 2).has_value());
    CHECK_FALSE(DecimalFromDouble(std::numeric_limits<double>::infinity(), 10, 2).has_value());
  }

  TEST_CASE("plain and Java strings of decimals") {
    CHECK(DecimalToPlainString(Dec(1012, 2)) == "10.12");
    CHECK(DecimalToPlainString(Dec(1000, 3)) == "1.000");
    CHECK(DecimalToPlainString(Dec(0, 3)) == "0.000");
    CHECK(DecimalToPlainString(Dec(-1, 2)) == "-0.01");
    CHECK(DecimalToPlainString(Dec(5, 0)) == "5");
    CHECK(DecimalToPlainString(Dec(12, 5)) == "0.00012");
    CHECK(DecimalToJavaString(Dec(1012, 2)) == "10.12");
    CHECK(DecimalToJavaString(Dec(0, 2)) == "0.00");
    CHECK(DecimalToJavaString(Dec(123, 8)) == "0.00000123");  // adjusted exponent -6: plain
    CHECK(DecimalToJavaString(Dec(12, 8)) == "1.2E-7");
    CHECK(DecimalToJavaString(Dec(1, 7)) == "1E-7");
    CHECK(DecimalToJavaString(Dec(-1, 7)) == "-1E-7");
    CHECK(DecimalToJavaString(Dec(0, 6)) == "0.000000");
    CHECK(DecimalToJavaString(Dec(0, 8)) == "0E-8");
  }
}

}  // namespace fluxo::expr
