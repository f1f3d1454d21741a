// Base64, UTF-8 repair and JSON number tokens: the small text codecs under the serdes.
#include <doctest/doctest.h>

#include "runtime/serde/base64.h"
#include "runtime/serde/json_number.h"
#include "runtime/serde/utf8_repair.h"

namespace fluxo::serde {

namespace {

std::string Base64(std::string_view bytes) {
  std::string text;
  AppendBase64(bytes, text);
  return text;
}

std::string NumberText(std::string_view token) {
  std::string text;
  AppendJsonNumberText(token, text);
  return text;
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("base64") {
    CHECK(Base64("") == "");
    CHECK(Base64("\x01\x02\x03") == "AQID");
    CHECK(Base64("ab") == "YWI=");
    CHECK(Base64("\xff\xfe") == "//4=");
    CHECK(Base64("{") == "ew==");
    CHECK(DecodeBase64("AQID") == std::string("\x01\x02\x03"));
    CHECK(DecodeBase64("YWI=") == std::string("ab"));
    CHECK(DecodeBase64("YWI") == std::string("ab"));
    CHECK(DecodeBase64("ew==") == std::string("{"));
    CHECK(DecodeBase64("") == std::string(""));
    for (const char* bad : {"a", "a!==", "YW=I", "Y===", "ab=", "AQID="}) {
      INFO(bad);
      CHECK_FALSE(DecodeBase64(bad).has_value());
    }
  }

  TEST_CASE("utf-8 repair replaces maximal ill-formed subparts") {
    CHECK(RepairUtf8("plain \xc3\xa9 \xf0\x9f\x98\x80") == "plain \xc3\xa9 \xf0\x9f\x98\x80");
    CHECK(RepairUtf8("\x80") == "\xef\xbf\xbd");
    CHECK(RepairUtf8("\xe2\x82") == "\xef\xbf\xbd");
    CHECK(RepairUtf8("\xe2\x82x") == "\xef\xbf\xbdx");
    CHECK(RepairUtf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
    CHECK(RepairUtf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");                  // overlong
    CHECK(RepairUtf8("\xf4\x90\x80\x80") ==
          "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // above U+10FFFF
  }

  TEST_CASE("json number tokens as Jackson reads them") {
    CHECK(IsJsonNumber("-0.5e+3"));
    for (const char* bad : {"", "-", "01", "1.", ".5", "+1", "1e", "0x1", "1 "}) {
      INFO(bad);
      CHECK_FALSE(IsJsonNumber(bad));
    }
    CHECK(std::string(JsonNumberNodeName("2147483647")) == "IntNode");
    CHECK(std::string(JsonNumberNodeName("2147483648")) == "LongNode");
    CHECK(std::string(JsonNumberNodeName("9223372036854775808")) == "BigIntegerNode");
    CHECK(std::string(JsonNumberNodeName("1.0")) == "DecimalNode");
    CHECK(std::string(JsonNumberNodeName("1e2")) == "DecimalNode");
    CHECK(JsonNumberToLong("-1.9") == -1);
    CHECK(JsonNumberToLong("1.5e3") == 1500);
    CHECK(JsonNumberToLong("123456789012345678") == 123456789012345678);
    CHECK(JsonNumberToLong("-9223372036854775808") == INT64_MIN);
    CHECK(JsonNumberToLong("9223372036854775808") == INT64_MIN);  // low 64 bits
    CHECK(JsonNumberToLong("1e100") == 0);                        // 10^100 is 0 mod 2^64
    CHECK(JsonNumberToLong("1e-5") == 0);
    CHECK_FALSE(JsonNumberToLong("01").has_value());
    CHECK(JsonNumberToDouble("1e-400") == 0.0);
    CHECK(JsonNumberToDouble("-2.5") == -2.5);
    CHECK(NumberText("-0") == "0");
    CHECK(NumberText("12345678901234567890") == "12345678901234567890");
    CHECK(NumberText("1.50") == "1.50");
    CHECK(NumberText("1e5") == "1E+5");
  }
}

}  // namespace fluxo::serde
