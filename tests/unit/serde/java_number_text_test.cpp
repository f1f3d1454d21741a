#include "runtime/serde/java_number_text.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include <doctest/doctest.h>

namespace fluxo::serde {

namespace {

std::string Java(double value) {
  std::string text;
  AppendJavaDouble(value, text);
  return text;
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("java numbers: Double.toString") {
    CHECK(Java(1.0) == "1.0");
    CHECK(Java(-0.0) == "-0.0");
    CHECK(Java(100.0) == "100.0");
    CHECK(Java(123.456) == "123.456");
    CHECK(Java(0.001) == "0.001");
    CHECK(Java(0.0001) == "1.0E-4");
    CHECK(Java(9999999.0) == "9999999.0");
    CHECK(Java(1e7) == "1.0E7");
    CHECK(Java(2.1474836489E9) == "2.1474836489E9");
    CHECK(Java(4611686018427387904.0) == "4.611686018427388E18");
    CHECK(Java(-1.5e-300) == "-1.5E-300");
    CHECK(Java(0.5) == "0.5");
    CHECK(Java(2.0) == "2.0");
    CHECK(Java(1e23) == "1.0E23");
    CHECK(Java(1e-10) == "1.0E-10");
    // Java prints at least two digits, choosing the closer two-digit decimal.
    CHECK(Java(5e-324) == "4.9E-324");
    CHECK(Java(1e-323) == "9.9E-324");
    CHECK(Java(std::numeric_limits<double>::max()) == "1.7976931348623157E308");
    CHECK(Java(0.1 + 0.2) == "0.30000000000000004");
    CHECK(Java(std::nan("")) == "NaN");
    CHECK(Java(INFINITY) == "Infinity");
    CHECK(Java(-INFINITY) == "-Infinity");
  }

  TEST_CASE("java numbers: printed doubles read back exactly") {
    uint64_t state = 0x9E3779B97F4A7C15;
    for (int i = 0; i < 20000; ++i) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      double value = 0;
      std::memcpy(&value, &state, sizeof(value));
      if (!std::isfinite(value)) {
        continue;
      }
      const std::string text = Java(value);
      INFO(text);
      const std::optional<double> parsed = ParseJavaDouble(text);
      REQUIRE(parsed.has_value());
      CHECK(std::memcmp(&*parsed, &value, sizeof(value)) == 0);
    }
  }

  TEST_CASE("java numbers: parseInt, parseLong, parseDouble, parseBoolean") {
    CHECK(ParseJavaInt("42") == 42);
    CHECK(ParseJavaInt("+42") == 42);
    CHECK(ParseJavaInt("-0042") == -42);
    CHECK(ParseJavaInt("-2147483648") == std::numeric_limits<int32_t>::min());
    for (const char* bad : {"", "+", "-", "2147483648", " 1", "1 ", "1.0", "+-1", "0x1"}) {
      INFO(bad);
      CHECK_FALSE(ParseJavaInt(bad).has_value());
    }
    CHECK(ParseJavaLong("9223372036854775807") == std::numeric_limits<int64_t>::max());
    CHECK_FALSE(ParseJavaLong("9223372036854775808").has_value());
    CHECK(ParseJavaDouble(" 1.5 ") == 1.5);
    CHECK(ParseJavaDouble("-.5e1") == -5.0);
    CHECK(ParseJavaDouble("1.") == 1.0);
    CHECK(ParseJavaDouble("2f") == 2.0);
    CHECK(ParseJavaDouble("1e400") == INFINITY);
    CHECK(ParseJavaDouble("-Infinity") == -INFINITY);
    CHECK(std::isnan(*ParseJavaDouble("NaN")));
    for (const char* bad : {"", "abc", "1e", "inf", "nan", "1.5x", "--1", "0x1p3", "."}) {
      INFO(bad);
      CHECK_FALSE(ParseJavaDouble(bad).has_value());
    }
    CHECK(ParseJavaBoolean("true"));
    CHECK(ParseJavaBoolean("TrUe"));
    CHECK_FALSE(ParseJavaBoolean("yes"));
    CHECK_FALSE(ParseJavaBoolean("true "));
  }
}

}  // namespace fluxo::serde
