#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

const char* const kDocument =
    R"({"log": {"cloud": "gcp", "app": "x"}, "ids": [10, {"k": "v"}], "odd key": true})";

Value Extract(Value json, Value path) {
  return Call("EXTRACTJSONFIELD", {kString, kString}, {std::move(json), std::move(path)});
}

}  // namespace

TEST_CASE("EXTRACTJSONFIELD follows a JSONPath") {
  CHECK(Extract(S(kDocument), S("$.log.cloud")) == S("gcp"));
  CHECK(Extract(S(kDocument), S("$.log")) == S(R"({"cloud":"gcp","app":"x"})"));
  CHECK(Extract(S(kDocument), S("$.ids[0]")) == S("10"));
  CHECK(Extract(S(kDocument), S("$.ids[1].k")) == S("v"));
  CHECK(Extract(S(kDocument), S("$['odd key']")) == S("true"));
  CHECK(Extract(S(kDocument), S("$.missing")) == Null());
  CHECK(Extract(S(kDocument), S("$.ids[5]")) == Null());
  CHECK(Extract(S(kDocument), S("$.ids.k")) == Null());
  CHECK(Extract(S(kDocument), S("$")) ==
        S(R"({"log":{"cloud":"gcp","app":"x"},"ids":[10,{"k":"v"}],"odd key":true})"));
  CHECK_THROWS_AS(Extract(S("{not json"), S("$.a")), Error);
  CHECK_THROWS_AS(Extract(S(kDocument), S("log.cloud")), Error);
  CHECK(Extract(Null(), S("$.a")) == Null());
  CHECK(Extract(S(kDocument), Null()) == Null());
}

TEST_CASE("IS_JSON_STRING, JSON_ARRAY_LENGTH and JSON_KEYS") {
  CHECK(Call("IS_JSON_STRING", {kString}, {S("[1, 2]")}) == B(true));
  CHECK(Call("IS_JSON_STRING", {kString}, {S("{bad")}) == B(false));
  CHECK(Call("IS_JSON_STRING", {kString}, {Null()}) == B(false));
  CHECK(Call("JSON_ARRAY_LENGTH", {kString}, {S("[1, [2, 3], 4]")}) == I(3));
  CHECK(Call("JSON_ARRAY_LENGTH", {kString}, {S("{}")}) == Null());
  CHECK(Call("JSON_ARRAY_LENGTH", {kString}, {Null()}) == Null());
  CHECK(Call("JSON_KEYS", {kString}, {S(R"({"b": 1, "a": 2})")}) == List({S("b"), S("a")}));
  CHECK(Call("JSON_KEYS", {kString}, {S("[]")}) == Null());
  CHECK(Call("JSON_KEYS", {kString}, {Null()}) == Null());
}

}  // namespace fluxo::functions::testing
