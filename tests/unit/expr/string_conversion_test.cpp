#include "runtime/expr/string_conversion.h"

#include <cmath>

#include <doctest/doctest.h>

namespace fluxo::expr {

TEST_SUITE("expr") {
  TEST_CASE("String.trim removes spaces and control characters only") {
    CHECK(TrimJava(" \t x y \n") == "x y");
    CHECK(TrimJava("\x01z\x1f") == "z");
    CHECK(TrimJava("   ").empty());
  }

  TEST_CASE("Integer.parseInt and Long.parseLong") {
    CHECK(ParseJavaInt("123") == 123);
    CHECK(ParseJavaInt("+5") == 5);
    CHECK(ParseJavaInt("-0") == 0);
    CHECK(ParseJavaInt("-2147483648") == -2147483647 - 1);
    CHECK(ParseJavaInt("2147483647") == 2147483647);
    for (const char* bad : {"2147483648", "-2147483649", "", "-", "+", "1 2", "1.0", "1e3", "x"}) {
      CAPTURE(bad);
      CHECK_FALSE(ParseJavaInt(bad).has_value());
    }
    CHECK(ParseJavaLong("9223372036854775807") == 9223372036854775807LL);
    CHECK(ParseJavaLong("-9223372036854775808") == -9223372036854775807LL - 1);
    CHECK_FALSE(ParseJavaLong("9223372036854775808").has_value());
  }

  TEST_CASE("SqlDoubles.parseDouble: Java's decimal syntax") {
    CHECK(ParseJavaDouble("1.5") == 1.5);
    CHECK(ParseJavaDouble("-1e3") == -1000.0);
    CHECK(ParseJavaDouble(".5") == 0.5);
    CHECK(ParseJavaDouble("1.") == 1.0);
    CHECK(ParseJavaDouble("+2d") == 2.0);
    CHECK(ParseJavaDouble("3F") == 3.0);
    CHECK(ParseJavaDouble(" 7 ") == 7.0);
    CHECK(ParseJavaDouble("0.1") == 0.1);
    CHECK(std::isinf(*ParseJavaDouble("1e400")));
    CHECK(*ParseJavaDouble("-1e400") < 0);
    CHECK(ParseJavaDouble("1e-400") == 0.0);
    for (const char* bad : {"NaN", "Infinity", "-Infinity", "0x1p3", "abc", "", "1e", "d"}) {
      CAPTURE(bad);
      CHECK_FALSE(ParseJavaDouble(bad).has_value());
    }
  }

  TEST_CASE("SqlBooleans.parseBoolean: prefixes of true or yes") {
    for (const char* yes : {"true", "TRUE", "t", "tRu", "y", "YeS", "yes"}) {
      CAPTURE(yes);
      CHECK(ParseSqlBoolean(yes));
    }
    for (const char* no : {"", "truex", "yess", "false", "no", "1", "abc"}) {
      CAPTURE(no);
      CHECK_FALSE(ParseSqlBoolean(no));
    }
  }

  TEST_CASE("Base64 as java.util.Base64 decodes it (ksqlDB's coercer test vectors)") {
    CHECK(DecodeBase64("TrUe") == std::string("\x4e\xb5\x1e", 3));  // {78, 181, 30}
    CHECK(DecodeBase64("YeS") == std::string("\x61\xe4", 2));       // {97, 228}
    CHECK(DecodeBase64("nO") == std::string("\x9c", 1));            // {156}
    CHECK(DecodeBase64("IQ==") == std::string("!"));                // {33}
    CHECK(DecodeBase64("").value().empty());
    for (const char* bad : {"I", "IQ=", "I===", "a*b=", "IQ==x", "IQ=A"}) {
      CAPTURE(bad);
      CHECK_FALSE(DecodeBase64(bad).has_value());
    }
  }

  TEST_CASE("String.compareTo order: UTF-16 code units") {
    CHECK(CompareJavaStrings("a", "b") < 0);
    CHECK(CompareJavaStrings("Foo", "foo") < 0);
    CHECK(CompareJavaStrings("foo", "foo") == 0);
    CHECK(CompareJavaStrings("fo", "foo") < 0);
    CHECK(CompareJavaStrings("goo", "foo") > 0);
    CHECK(CompareJavaStrings("", "") == 0);
    // U+1F600 is D83D DE00 in UTF-16 and sorts before U+FF21, although its UTF-8 bytes
    // (F0 ...) sort after (EF ...).
    CHECK(CompareJavaStrings("\xF0\x9F\x98\x80", "\xEF\xBC\xA1") < 0);
    CHECK(CompareJavaStrings("\xC3\xA9", "z") > 0);  // U+00E9 after 'z'
  }
}

}  // namespace fluxo::expr
