// Expected values come from ksqlDB's string.json, substring.json and concat.json vectors,
// and from the Java semantics of the ksqlDB implementations where the vectors are silent.
#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

Value Unary(const char* name, const std::string& text) {
  return Call(name, {kString}, {S(text)});
}

Value Substring(const std::string& text, int32_t position) {
  return Call("SUBSTRING", {kString, kInt}, {S(text), I(position)});
}

Value Substring(const std::string& text, int32_t position, int32_t length) {
  return Call("SUBSTRING", {kString, kInt, kInt}, {S(text), I(position), I(length)});
}

}  // namespace

TEST_CASE("LCASE, UCASE, TRIM and SUBSTRING as in string.json") {
  struct Row {
    const char* text;
    const char* lower;
    const char* upper;
    const char* trimmed;
    const char* substring;
  };

  const Row rows[] = {
      {"lower", "lower", "LOWER", "lower", "ower"},
      {"UPPER", "upper", "UPPER", "UPPER", "PPER"},
      {"MiXeD", "mixed", "MIXED", "MiXeD", "iXeD"},
      {" \t with white space \t",
       " \t with white space \t",
       " \t WITH WHITE SPACE \t",
       "with white space",
       "\t wit"},
      {"s", "s", "S", "s", ""},
      {"long enough", "long enough", "LONG ENOUGH", "long enough", "ong e"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(Unary("LCASE", row.text) == S(row.lower));
    CHECK(Unary("UCASE", row.text) == S(row.upper));
    CHECK(Unary("TRIM", row.text) == S(row.trimmed));
    CHECK(Substring(row.text, 2, 5) == S(row.substring));
  }
  CHECK(Unary("UCASE", "straße é") == S("STRASSE É"));
  CHECK(Unary("LCASE", "ÀÉÎ") == S("àéî"));
  CHECK(Unary("TRIM", "\x01 x \x1f") == S("x"));
  CHECK(Unary("TRIM", "\u00a0x\u00a0") == S("\u00a0x\u00a0"));
}

TEST_CASE("SUBSTRING counts 1-based positions, negative from the end") {
  CHECK(Substring("some_string", 6) == S("string"));
  CHECK(Substring("another", 6) == S("er"));
  CHECK(Substring("short", 6) == S(""));
  CHECK(Substring("some_string", 6, 3) == S("str"));
  CHECK(Substring("another", 6, 3) == S("er"));
  CHECK(Substring("short", 6, 3) == S(""));
  CHECK(Substring("some string", 0, 2) == S("so"));
  CHECK(Substring("abcdef", -2) == S("ef"));
  CHECK(Substring("abcdef", -3, 2) == S("de"));
  CHECK(Substring("abcdef", -10, 2) == S("ab"));
  CHECK(Substring("abcdef", 2, -1) == S(""));
  // Positions count UTF-16 code units, as Java does; a split surrogate pair becomes '?'.
  CHECK(Substring("h\u00e9llo", 2, 1) == S("\u00e9"));
  CHECK(Substring("a\U0001F600b", 2, 2) == S("\U0001F600"));
  CHECK(Substring("a\U0001F600b", 2, 1) == S("?"));
  // BYTES count bytes.
  CHECK(Call("SUBSTRING", {kBytes, kInt}, {S("some_string"), I(6)}) == S("string"));
  CHECK(Call("SUBSTRING", {kBytes, kInt, kInt}, {S("some_string"), I(6), I(3)}) == S("str"));
  CHECK(Call("SUBSTRING", {kBytes, kInt, kInt}, {S("short"), I(6), I(3)}) == S(""));
  CHECK(ReturnType("SUBSTRING", {kBytes, kInt}) == "BYTES");
}

TEST_CASE("SUBSTRING gives NULL for any NULL argument") {
  CHECK(Call("SUBSTRING", {kString, kInt}, {Null(), I(1)}) == Null());
  CHECK(Call("SUBSTRING", {kString, kNullLiteral}, {S("abc"), Null()}) == Null());
  CHECK(Call("SUBSTRING", {kString, kInt, kInt}, {S("abc"), I(6), Null()}) == Null());
  CHECK(Call("SUBSTRING", {kBytes, kInt}, {Null(), I(6)}) == Null());
  CHECK(Call("SUBSTRING", {kBytes, kInt, kInt}, {S("abc"), Null(), I(1)}) == Null());
}

TEST_CASE("CONCAT skips NULLs") {
  CHECK(Call("CONCAT", {kString, kString, kString}, {S("prefix-"), S("s1"), S("-postfix")}) ==
        S("prefix-s1-postfix"));
  CHECK(Call("CONCAT", {kString, kString}, {S("\""), S("foo\\")}) == S("\"foo\\"));
  CHECK(Call("CONCAT", {kString, kNullLiteral, kString}, {S("a"), Null(), S("b")}) == S("ab"));
  CHECK(Call("CONCAT", {kString, kString}, {Null(), Null()}) == S(""));
  CHECK(Call("CONCAT", {kBytes, kNullLiteral, kBytes}, {S("yes"), Null(), S("no")}) == S("yesno"));
  CHECK(Call("CONCAT", {kBytes, kNullLiteral, kBytes}, {S(""), Null(), S("no")}) == S("no"));
  CHECK(ReturnType("CONCAT", {kBytes, kBytes}) == "BYTES");
  CHECK_FALSE(FunctionRegistry::BuiltIn().Resolve("CONCAT", {kString, kBytes}).has_value());
}

TEST_CASE("CONCAT_WS skips NULL values and is NULL for a NULL separator") {
  const std::vector<SqlTypePtr> strings = {
      kString, kString, kString, kString, kNullLiteral, kString};
  const auto concat_ws = [&](Value separator, Value c1, Value c2, Value c3) {
    return Call("CONCAT_WS", strings, {separator, c1, c2, c3, Null(), S("literal")});
  };
  CHECK(concat_ws(S("SEP"), S("foo"), S("bar"), S("baz")) == S("fooSEPbarSEPbazSEPliteral"));
  CHECK(concat_ws(S("SEP"), S("foo"), Null(), S("baz")) == S("fooSEPbazSEPliteral"));
  CHECK(concat_ws(S("SEP"), Null(), Null(), Null()) == S("literal"));
  CHECK(concat_ws(Null(), S("foo"), S("bar"), S("baz")) == Null());

  const std::vector<SqlTypePtr> bytes = {kBytes, kBytes, kBytes, kNullLiteral, kBytes};
  CHECK(Call("CONCAT_WS", bytes, {S("a"), S("b"), S("yes"), Null(), S("no")}) == S("bayesano"));
  CHECK(Call("CONCAT_WS", bytes, {S("a"), S("b"), S(""), Null(), S("no")}) == S("baano"));
  CHECK(Call("CONCAT_WS", bytes, {S("a"), Null(), Null(), Null(), Null()}) == S(""));
  CHECK(Call("CONCAT_WS", bytes, {Null(), S("b"), S("yes"), Null(), S("no")}) == Null());
  CHECK_THROWS_AS(Call("CONCAT_WS", {kString}, {S("x")}), Error);
}

TEST_CASE("INITCAP capitalizes each word") {
  CHECK(Unary("INITCAP", "the quick BROWN fox") == S("The Quick Brown Fox"));
  // group-by.json "function in group-by and nested function in select".
  CHECK(Call("CONCAT",
             {kString, kString, kString},
             {Unary("INITCAP", "smells"), S("like"), Unary("TRIM", "   teen spirit   ")}) ==
        S("Smellsliketeen spirit"));
  CHECK(Substring("teen spirit", 1, 4) == S("teen"));
  CHECK(Unary("INITCAP", "  leading\tand  inner") == S("Leading\tAnd  Inner"));
  CHECK(Unary("INITCAP", "") == S(""));
  CHECK(Unary("INITCAP", "élan vital") == S("Élan Vital"));
  CHECK(Call("INITCAP", {kString}, {Null()}) == Null());
}

TEST_CASE("LEN counts UTF-16 code units or bytes") {
  CHECK(Unary("LEN", "abc") == I(3));
  CHECK(Unary("LEN", "h\u00e9llo") == I(5));
  CHECK(Unary("LEN", "\U0001F600") == I(2));
  CHECK(Call("LEN", {kBytes}, {S("\U0001F600")}) == I(4));
  CHECK(Call("LEN", {kString}, {Null()}) == Null());
  CHECK(Call("LEN", {kBytes}, {Null()}) == Null());
}

TEST_CASE("LPAD and RPAD pad or truncate to the target length") {
  const auto pad = [](const char* name, Value input, Value length, Value padding) {
    return Call(name, {kString, kInt, kString}, {input, length, padding});
  };
  CHECK(pad("LPAD", S("abc"), I(8), S("xy")) == S("xyxyxabc"));
  CHECK(pad("LPAD", S("abc"), I(5), S("xy")) == S("xyabc"));
  CHECK(pad("LPAD", S("abc"), I(2), S("xy")) == S("ab"));
  CHECK(pad("RPAD", S("abc"), I(8), S("xy")) == S("abcxyxyx"));
  CHECK(pad("RPAD", S("abc"), I(2), S("xy")) == S("ab"));
  CHECK(pad("LPAD", S("abc"), I(0), S("xy")) == S(""));
  CHECK(pad("LPAD", S("\u00e9"), I(3), S("\u00e0")) == S("\u00e0\u00e0\u00e9"));
  CHECK(pad("LPAD", S("abc"), I(5), S("")) == Null());
  CHECK(pad("RPAD", S("abc"), I(-1), S("x")) == Null());
  CHECK(pad("LPAD", Null(), I(5), S("x")) == Null());
  CHECK(pad("RPAD", S("abc"), Null(), S("x")) == Null());
  CHECK(pad("RPAD", S("abc"), I(5), Null()) == Null());
  CHECK(Call("LPAD", {kBytes, kInt, kBytes}, {S("ab"), I(5), S("xy")}) == S("xyxab"));
  CHECK(Call("RPAD", {kBytes, kInt, kBytes}, {S("ab"), I(5), S("xy")}) == S("abxyx"));
  CHECK(Call("RPAD", {kBytes, kInt, kBytes}, {S("abc"), I(1), S("xy")}) == S("a"));
}

TEST_CASE("the one-argument string functions give NULL for NULL") {
  for (const char* name : {"UCASE", "LCASE", "TRIM", "INITCAP", "LEN"}) {
    CAPTURE(name);
    CHECK(Call(name, {kString}, {Null()}) == Null());
  }
}

}  // namespace fluxo::functions::testing
