#include "runtime/serde/decimal_text.h"

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::serde {

namespace {

DecimalText Parse(const char* text, DecimalGrammar grammar = DecimalGrammar::kJava) {
  const std::optional<DecimalText> decimal = ParseDecimalText(text, grammar);
  REQUIRE(decimal.has_value());
  return *decimal;
}

std::string ToString(const DecimalText& decimal) {
  std::string text;
  AppendDecimalString(decimal, text);
  return text;
}

std::string Plain(DecimalValue value) {
  std::string text;
  AppendPlainDecimalString(value, text);
  return text;
}

std::string FitError(const char* text, int precision, int scale) {
  try {
    FitDecimal(Parse(text), precision, scale, DecimalScale::kColumn);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kExecution);
    return error.message();
  }
  FAIL("fits: " << text);
  return "";
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("decimal text: parsing keeps digits and scale") {
    const DecimalText decimal = Parse("-001.10");
    CHECK(decimal.negative);
    CHECK(decimal.digits == "110");
    CHECK(decimal.scale == 2);
    CHECK(Parse("1e3").scale == -3);
    CHECK(Parse("1.5E-2").scale == 3);
    CHECK(Parse("0.000").digits == "0");
    CHECK(Parse(".5").scale == 1);
    CHECK(Parse("5.").scale == 0);
    CHECK(Parse("+5").digits == "5");
    for (const char* bad : {"", "-", ".", "1e", "1.2.3", " 1", "1 ", "0x10", "1e+", "--1"}) {
      INFO(bad);
      CHECK_FALSE(ParseDecimalText(bad, DecimalGrammar::kJava).has_value());
    }
    for (const char* bad : {".5", "5.", "+5", "01", "-01.5"}) {
      INFO(bad);
      CHECK_FALSE(ParseDecimalText(bad, DecimalGrammar::kJson).has_value());
    }
    CHECK(Parse("-0.5e1", DecimalGrammar::kJson).digits == "5");
  }

  TEST_CASE("decimal text: BigDecimal.toString and toPlainString") {
    CHECK(ToString(Parse("1.10")) == "1.10");
    CHECK(ToString(Parse("-0.000001")) == "-0.000001");
    CHECK(ToString(Parse("0.0000001")) == "1E-7");
    CHECK(ToString(Parse("0.00000012")) == "1.2E-7");
    CHECK(ToString(Parse("1e5")) == "1E+5");
    CHECK(ToString(Parse("1.0e2")) == "1.0E+2");
    CHECK(ToString(Parse("-0.0")) == "0.0");
    CHECK(ToString(Parse("0E-8")) == "0E-8");
    CHECK(ToString(Parse("123")) == "123");
    CHECK(Plain({1, 8}) == "0.00000001");
    CHECK(Plain({-1234, 2}) == "-12.34");
    CHECK(Plain({0, 3}) == "0.000");
    CHECK(Plain({7, 0}) == "7");
    std::string text;
    AppendDecimalString(DecimalValue{1, 8}, text);
    CHECK(text == "1E-8");
  }

  TEST_CASE("decimal text: fitting to DECIMAL(p, s) as DecimalUtil.ensureFit") {
    CHECK(FitDecimal(Parse("12.3"), 4, 2, DecimalScale::kColumn) == DecimalValue{1230, 2});
    CHECK(FitDecimal(Parse("12.3"), 4, 2, DecimalScale::kOwn) == DecimalValue{123, 1});
    CHECK(FitDecimal(Parse("1.500"), 4, 2, DecimalScale::kOwn) == DecimalValue{150, 2});
    CHECK(FitDecimal(Parse("1e1"), 4, 2, DecimalScale::kOwn) == DecimalValue{10, 0});
    CHECK(FitDecimal(Parse("-0.99"), 2, 2, DecimalScale::kColumn) == DecimalValue{-99, 2});
    CHECK(FitDecimal(Parse("0.0000"), 2, 2, DecimalScale::kColumn) == DecimalValue{0, 2});
    Int128 largest = 1;
    for (int i = 0; i < 38; ++i) {
      largest *= 10;
    }
    --largest;
    CHECK(FitDecimal(Parse("99999999999999999999999999999999999999"), 38, 0, DecimalScale::kColumn)
              .unscaled == largest);
    CHECK(FitError("1.234", 4, 2) ==
          "Cannot fit decimal '1.234' into DECIMAL(4, 2) without rounding. (Requires 4,3)");
    CHECK(FitError("123.4", 4, 2) ==
          "Numeric field overflow: A field with precision 4 and scale 2 must round to an "
          "absolute value less than 10^2. Got 123.4");
    CHECK(FitError("100", 4, 2) ==
          "Numeric field overflow: A field with precision 4 and scale 2 must round to an "
          "absolute value less than 10^2. Got 100");
    CHECK(FitError("1", 2, 2).find("Numeric field overflow") == 0);
    CHECK(FitError("1e-50", 38, 10).find("Cannot fit decimal") == 0);
    CHECK(FitError("1e50", 38, 10).find("Numeric field overflow") == 0);
  }
}

}  // namespace fluxo::serde
