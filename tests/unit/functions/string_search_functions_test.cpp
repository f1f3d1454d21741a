// Expected values come from ksqlDB's instr.json, replace.json and split.json vectors.
#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

Value Instr(Value text, Value search) {
  return Call("INSTR", {kString, kString}, {std::move(text), std::move(search)});
}

Value Instr(Value text, Value search, Value position) {
  return Call("INSTR", {kString, kString, kInt}, {std::move(text), std::move(search), position});
}

Value Instr(Value text, Value search, Value position, Value occurrence) {
  return Call("INSTR",
              {kString, kString, kInt, kInt},
              {std::move(text), std::move(search), position, occurrence});
}

Value Strings(std::initializer_list<const char*> parts) {
  ValueList values;
  for (const char* part : parts) {
    values.push_back(S(part));
  }
  return List(std::move(values));
}

Value Split(const std::string& text, const std::string& delimiter, bool bytes = false) {
  const SqlTypePtr type = bytes ? kBytes : kString;
  return Call("SPLIT", {type, type}, {S(text), S(delimiter)});
}

Value RegexSplit(Value text, Value pattern) {
  return Call("REGEXP_SPLIT_TO_ARRAY", {kString, kString}, {std::move(text), std::move(pattern)});
}

Value RegexReplace(Value text, Value pattern, Value replacement) {
  return Call("REGEXP_REPLACE",
              {kString, kString, kString},
              {std::move(text), std::move(pattern), std::move(replacement)});
}

}  // namespace

TEST_CASE("INSTR finds occurrences forwards and backwards") {
  CHECK(Instr(S("corporate floor"), S("or")) == I(2));
  CHECK(Instr(S("should I stay or should I go"), S("or")) == I(15));
  CHECK(Instr(S("short"), S("or")) == I(3));
  CHECK(Instr(S("no substring"), S("or")) == I(0));
  CHECK(Instr(S("corporate floor"), S("or"), I(4)) == I(5));
  CHECK(Instr(S("short"), S("or"), I(4)) == I(0));
  CHECK(Instr(S("corporate floor"), S("or"), I(4), I(2)) == I(14));
  CHECK(Instr(S("short"), S("or"), I(4), I(2)) == I(0));
  CHECK(Instr(S("corporate floor"), S("or"), I(-4)) == I(5));
  CHECK(Instr(S("short"), S("or"), I(-4)) == I(0));
  CHECK(Instr(S("corporate floor"), S("or"), I(-4), I(2)) == I(2));
  CHECK(Instr(S("short"), S("or"), I(-4), I(2)) == I(0));
  CHECK(Instr(S("short"), S("or"), I(10)) == I(0));
  CHECK(Instr(S("aaa"), S("aa"), I(1), I(2)) == I(2));
  CHECK(Instr(S("abc"), S("b"), I(1), I(0)) == I(0));
  CHECK(ReturnType("INSTR", {kString, kString}) == "INTEGER");
}

TEST_CASE("INSTR gives 0 for a NULL string and NULL for a NULL position") {
  CHECK(Instr(Null(), S("or")) == I(0));
  CHECK(Instr(S("corporate"), Null()) == I(0));
  CHECK(Instr(S("corporate"), S("or"), Null()) == Null());
  CHECK(Instr(S("corporate"), S("or"), I(1), Null()) == Null());
}

TEST_CASE("REPLACE replaces every occurrence") {
  const auto replace = [](Value text, Value target, Value replacement) {
    return Call("REPLACE", {kString, kString, kString}, {text, target, replacement});
  };
  CHECK(replace(S("anaconda"), S("a"), S("o")) == S("onocondo"));
  CHECK(replace(S("popcorn"), S("a"), S("o")) == S("popcorn"));
  CHECK(replace(S("abc"), S(""), S("-")) == S("-a-b-c-"));
  CHECK(replace(Null(), S("a"), S("o")) == Null());
  CHECK(replace(S("anaconda"), Null(), S("o")) == Null());
  CHECK(replace(S("anaconda"), S("a"), Null()) == Null());
  // "Extract escaped JSON" in replace.json.
  const std::string message =
      R"({"messageID": "ID:plato-46377-1596636746117-4:4:1:1:1","text": "{\"widget\": 10}"})";
  const Value step1 = replace(S(message), S(R"("text": "{)"), S(R"("text": {)"));
  const Value step2 = replace(step1, S(R"(\")"), S(R"(")"));
  CHECK(replace(step2, S(R"("})"), S("}")) ==
        S(R"({"messageID": "ID:plato-46377-1596636746117-4:4:1:1:1","text": {"widget": 10}})"));
}

TEST_CASE("SPLIT on a literal delimiter keeps empty parts") {
  for (const bool bytes : {false, true}) {
    CAPTURE(bytes);
    CHECK(Split("a.b.c", ".", bytes) == Strings({"a", "b", "c"}));
    CHECK(Split(".abc.", ".", bytes) == Strings({"", "abc", ""}));
    CHECK(Split("..a..", ".", bytes) == Strings({"", "", "a", "", ""}));
    CHECK(Split("abc", ".", bytes) == Strings({"abc"}));
    CHECK(Split("", ".", bytes) == Strings({""}));
    CHECK(Split("a$$b.c", "$$", bytes) == Strings({"a", "b.c"}));
    CHECK(Split(".abc$$", "$$", bytes) == Strings({".abc", ""}));
    CHECK(Split(".$$a..", "$$", bytes) == Strings({".", "a.."}));
    CHECK(Split("a.b.c", "", bytes) == Strings({"a", ".", "b", ".", "c"}));
    CHECK(Split("", "", bytes) == Strings({""}));
    CHECK(Split("1,2,3,4,5", ",", bytes) == Strings({"1", "2", "3", "4", "5"}));
  }
  CHECK(Split("\u00e9\u00e0", "") == Strings({"\u00e9", "\u00e0"}));
  CHECK(ReturnType("SPLIT", {kBytes, kBytes}) == "ARRAY<BYTES>");
  CHECK(Call("SPLIT", {kString, kString}, {Null(), S(".")}) == Null());
  CHECK(Call("SPLIT", {kBytes, kBytes}, {S("a"), Null()}) == Null());
}

TEST_CASE("REGEXP_SPLIT_TO_ARRAY") {
  CHECK(RegexSplit(S("aabcda"), S("(ab|cd)")) == Strings({"a", "", "a"}));
  CHECK(RegexSplit(S("aabdcda"), S("(ab|cd)")) == Strings({"a", "d", "a"}));
  CHECK(RegexSplit(S("zxy"), S("(ab|cd)")) == Strings({"zxy"}));
  CHECK(RegexSplit(S("ab"), S("a")) == Strings({"", "b"}));
  CHECK(RegexSplit(S("abc"), S("")) == Strings({"a", "b", "c"}));
  CHECK(RegexSplit(S(""), S("")) == Strings({""}));
  CHECK(RegexSplit(Null(), S("(ab|cd)")) == Null());
  CHECK(RegexSplit(S("zxy"), Null()) == Null());
  CHECK_THROWS_AS(RegexSplit(S("zxy"), S("(")), Error);
}

TEST_CASE("REGEXP_REPLACE with Java replacement syntax") {
  CHECK(RegexReplace(S("baababaa"), S("(ab)+"), S("cat")) == S("bacataa"));
  CHECK(RegexReplace(S("baabbabaa"), S("(ab)+"), S("cat")) == S("bacatbcataa"));
  CHECK(RegexReplace(S("abc"), S("(b)"), S("[$1]")) == S("a[b]c"));
  CHECK(RegexReplace(S("abc"), S("(b)"), S("$10")) == S("ab0c"));
  CHECK(RegexReplace(S("abc"), S("b"), S("\\$")) == S("a$c"));
  CHECK(RegexReplace(S("a1b22"), S("\\d+"), S("#")) == S("a#b#"));
  CHECK(RegexReplace(S("ABC"), S("(?i)b"), S("x")) == S("AxC"));
  CHECK(RegexReplace(S("\u00e9t\u00e9"), S("."), S("x")) == S("xxx"));
  CHECK(RegexReplace(Null(), S("(ab)+"), S("cat")) == Null());
  CHECK(RegexReplace(S("baababaa"), Null(), S("cat")) == Null());
  CHECK(RegexReplace(S("baababaa"), S("a"), Null()) == Null());
  CHECK_THROWS_AS(RegexReplace(S("abc"), S("(b"), S("x")), Error);
  CHECK_THROWS_AS(RegexReplace(S("abc"), S("(b)"), S("$2")), Error);
  CHECK_THROWS_AS(RegexReplace(S("abc"), S("b"), S("x$")), Error);
}

TEST_CASE("REGEXP_EXTRACT returns the first match or a group") {
  CHECK(Call("REGEXP_EXTRACT", {kString, kString}, {S("\\d+"), S("abc123def456")}) == S("123"));
  CHECK(Call("REGEXP_EXTRACT",
             {kString, kString, kInt},
             {S("([a-z]+)(\\d+)"), S("abc123"), I(2)}) == S("123"));
  CHECK(Call("REGEXP_EXTRACT", {kString, kString}, {S("x"), S("abc")}) == Null());
  CHECK(Call("REGEXP_EXTRACT", {kString, kString}, {Null(), S("abc")}) == Null());
  CHECK(Call("REGEXP_EXTRACT", {kString, kString, kInt}, {S("a"), S("abc"), Null()}) == Null());
  CHECK_THROWS_AS(Call("REGEXP_EXTRACT", {kString, kString, kInt}, {S("a"), S("abc"), I(1)}),
                  Error);
}

}  // namespace fluxo::functions::testing
