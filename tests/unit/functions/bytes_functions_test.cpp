#include <string>

#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

Value ToBytes(Value text, Value encoding) {
  return Call("TO_BYTES", {kString, kString}, {std::move(text), std::move(encoding)});
}

Value FromBytes(Value bytes, Value encoding) {
  return Call("FROM_BYTES", {kBytes, kString}, {std::move(bytes), std::move(encoding)});
}

}  // namespace

TEST_CASE("TO_BYTES decodes each encoding") {
  CHECK(ToBytes(S("."), S("utf8")) == S("."));
  CHECK(ToBytes(S("$$"), S("UTF8")) == S("$$"));
  CHECK(ToBytes(S(""), S("utf8")) == S(""));
  CHECK(ToBytes(S("616263"), S("hex")) == S("abc"));
  CHECK(ToBytes(S("00FF10"), S("hex")) == S(std::string("\x00\xff\x10", 3)));
  CHECK(ToBytes(S("00ff10"), S("hex")) == S(std::string("\x00\xff\x10", 3)));
  CHECK(ToBytes(S("YWJj"), S("base64")) == S("abc"));
  CHECK(ToBytes(S("YmF5ZXNhbm8="), S("base64")) == S("bayesano"));
  CHECK(ToBytes(S("YQ"), S("base64")) == S("a"));
  CHECK(ToBytes(S("YW\r\nJj"), S("base64")) == S("abc"));
  CHECK(ToBytes(S("a\u00e9"), S("ascii")) == S("a?"));
  CHECK(ReturnType("TO_BYTES", {kString, kString}) == "BYTES");
}

TEST_CASE("FROM_BYTES encodes each encoding") {
  CHECK(FromBytes(S("abc"), S("hex")) == S("616263"));
  CHECK(FromBytes(S(std::string("\x00\xff\x10", 3)), S("Hex")) == S("00FF10"));
  CHECK(FromBytes(S("abc"), S("base64")) == S("YWJj"));
  CHECK(FromBytes(S("a"), S("base64")) == S("YQ=="));
  CHECK(FromBytes(S("\u00e9"), S("utf8")) == S("\u00e9"));
  CHECK(FromBytes(S("a\xff"), S("utf8")) == S("a\uFFFD"));
  CHECK(FromBytes(S("a\xff"), S("ascii")) == S("a\uFFFD"));
  // Java's MIME encoder breaks lines after 76 characters (57 bytes).
  const std::string line = std::string(76, 'A');
  CHECK(FromBytes(S(std::string(60, '\0')), S("base64")) == S(line + "\r\n" + "AAAA"));
}

TEST_CASE("TO_BYTES and FROM_BYTES fail on bad input") {
  CHECK_THROWS_AS(ToBytes(S("abc"), S("utf16")), Error);
  CHECK_THROWS_AS(FromBytes(S("abc"), S("ebcdic")), Error);
  CHECK_THROWS_AS(ToBytes(S("abc"), S("hex")), Error);
  CHECK_THROWS_AS(ToBytes(S("zz"), S("hex")), Error);
  CHECK_THROWS_AS(ToBytes(S("Y"), S("base64")), Error);
}

TEST_CASE("TO_BYTES and FROM_BYTES give NULL for NULL") {
  CHECK(ToBytes(Null(), S("utf8")) == Null());
  CHECK(ToBytes(S("abc"), Null()) == Null());
  CHECK(FromBytes(Null(), S("hex")) == Null());
  CHECK(FromBytes(S("abc"), Null()) == Null());
}

}  // namespace fluxo::functions::testing
