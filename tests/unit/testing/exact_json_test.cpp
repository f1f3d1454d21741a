#include "runtime/testing/exact_json.h"

#include <stdexcept>

#include <doctest/doctest.h>

namespace fluxo::qtt {

TEST_CASE("ParseExactJson keeps decimal literals as written") {
  const Json json = ParseExactJson(R"({"a": 1.10, "b": 2.1474836489E9, "c": 7, "d": -0.5})");
  CHECK(IsExactNumber(json["a"]));
  CHECK(NumberText(json["a"]) == "1.10");
  CHECK(NumberText(json["b"]) == "2.1474836489E9");
  CHECK(json["c"].is_number_integer());
  CHECK(NumberText(json["c"]) == "7");
  CHECK(IsDecimalLiteral(json["d"]));
  CHECK_FALSE(IsDecimalLiteral(json["c"]));
  CHECK(IsAnyNumber(json["b"]));
  CHECK_FALSE(IsAnyNumber(json));
}

TEST_CASE("ParseExactJson keeps integers beyond 64 bits exact") {
  const Json json = ParseExactJson("[123456789012345678901234567890]");
  CHECK(IsExactNumber(json[0]));
  CHECK(NumberText(json[0]) == "123456789012345678901234567890");
  CHECK_FALSE(IsDecimalLiteral(json[0]));
}

TEST_CASE("RenderJson writes exact numbers as written and keeps field order") {
  const std::string text = R"({"z":1.10,"a":[1,2.0E3,null,true],"s":"x\"y","o":{}})";
  CHECK(RenderJson(ParseExactJson(text)) == text);
}

TEST_CASE("ParseExactJson skips comments only when asked") {
  const std::string text = "// a comment\n{\"a\": /* inline */ 1}";
  CHECK(ParseExactJson(text, true)["a"] == 1);
  CHECK_THROWS_AS(ParseExactJson(text), std::invalid_argument);
}

TEST_CASE("ParseExactJson rejects text that is not JSON") {
  CHECK_THROWS_AS(ParseExactJson("{\"a\": }"), std::invalid_argument);
  CHECK_THROWS_AS(ParseExactJson("abc"), std::invalid_argument);
}

TEST_CASE("ParseExactJson builds nested containers") {
  const Json json = ParseExactJson(R"({"a": [{"b": [1, {"c": 0.1}]}, 2], "d": {"e": {}}})");
  CHECK(NumberText(json["a"][0]["b"][1]["c"]) == "0.1");
  CHECK(json["a"][1] == 2);
  CHECK(json["d"]["e"].is_object());
}

}  // namespace fluxo::qtt
