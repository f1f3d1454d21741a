#include "runtime/testing/qtt_comparison.h"

#include <doctest/doctest.h>

namespace fluxo::qtt {

namespace {

bool Matches(const std::string& expected, const std::string& actual, SqlTypePtr type = nullptr) {
  return !MatchJson(ParseExactJson(expected), ParseExactJson(actual), type).has_value();
}

SqlTypePtr Columns(std::vector<StructField> fields) {
  return SqlType::Struct(std::move(fields));
}

}  // namespace

TEST_CASE("decimals compare with their scale") {
  CHECK(Matches("1.10", "1.10"));
  CHECK_FALSE(Matches("1.1", "1.10"));
  CHECK_FALSE(Matches("100", "100.0"));
  CHECK(Matches("2.1474836489E9", "2.1474836489E9"));
  CHECK(Matches("\"1.10\"", "1.10"));  // A string expected for a decimal actual.
  CHECK_FALSE(Matches("\"1.1\"", "1.10"));
  CHECK(Matches("-0.0", "0.0"));
}

TEST_CASE("an integer actual matches the expected number truncated") {
  CHECK(Matches("100", "100"));
  CHECK(Matches("100.0", "100"));
  CHECK(Matches("100.9", "100"));
  CHECK(Matches("-1.5", "-1"));
  CHECK_FALSE(Matches("101", "100"));
  CHECK(Matches("123456789012345678901234567890", "123456789012345678901234567890"));
}

TEST_CASE("DOUBLE columns compare numerically") {
  const SqlTypePtr type = SqlType::Double();
  CHECK(Matches("4.6116860184273879E18", "4.611686018427388E18", type));
  CHECK(Matches("100", "100.0", type));
  CHECK(Matches("0.30000000000000004", "0.3", type));
  CHECK_FALSE(Matches("1.0", "1.1", type));
  CHECK_FALSE(Matches("4.6116860184273879E18", "4.611686018427388E18"));  // Untyped: exact.
  CHECK(DoublesMatch(1e300, 1e300 * (1 + 1e-15)));
  CHECK_FALSE(DoublesMatch(1e300, 1e300 * (1 + 1e-9)));
}

TEST_CASE("objects match by field count and by exact or upper-cased names") {
  CHECK(Matches(R"({"name": 1, "B": "x"})", R"({"B": "x", "NAME": 1})"));
  CHECK_FALSE(Matches(R"({"name": 1})", R"({"NAME": 1, "B": 2})"));
  CHECK_FALSE(Matches(R"({"name": 1})", R"({"Name": 1})"));
  // A missing field reads as null (upstream's Map.get); the field counts must still agree.
  CHECK(Matches(R"({"TYPO": null})", R"({"A": null})"));
  CHECK(Matches(R"({"TYPO": null})", R"({"A": 1})"));
  CHECK_FALSE(Matches(R"({"TYPO": 1})", R"({"A": 1})"));
  const auto reason = MatchJson(ParseExactJson(R"({"A": {"B": [1, 2]}})"),
                                ParseExactJson(R"({"A": {"B": [1, 3]}})"),
                                nullptr);
  REQUIRE(reason);
  CHECK(reason->find(".A.B[1]") != std::string::npos);
}

TEST_CASE("column types reach nested fields") {
  const SqlTypePtr type = Columns({{"ID", SqlType::Bigint()},
                                   {"S", SqlType::Struct({{"D", SqlType::Double()}})},
                                   {"M", SqlType::Map(SqlType::String(), SqlType::Double())}});
  CHECK(Matches(R"({"id": 1, "s": {"D": 1}, "M": {"k": 2}})",
                R"({"ID": 1, "S": {"D": 1.0}, "M": {"k": 2.0}})",
                type));
  // A one-column STRUCT hint for an unwrapped value: the column's type applies.
  CHECK(Matches("3", "3.0", Columns({{"V", SqlType::Double()}})));
}

TEST_CASE("nulls, booleans, arrays and strings") {
  CHECK(Matches("null", "null"));
  CHECK_FALSE(Matches("null", "0"));
  CHECK_FALSE(Matches("0", "null"));
  CHECK(Matches("true", "true"));
  CHECK_FALSE(Matches("true", "\"true\""));
  CHECK_FALSE(Matches("[1, 2]", "[2, 1]"));
  CHECK_FALSE(Matches("[1]", "[1, 1]"));
  CHECK(Matches("\"abc\"", "\"abc\""));
  CHECK_FALSE(Matches("\"1\"", "1"));
  CHECK_FALSE(Matches("1", "\"1\""));
}

TEST_CASE("DELIMITED lines compare as text, DOUBLE fields numerically") {
  DecodedSide actual;
  actual.delimited = true;
  actual.column_types = {SqlType::Int(), SqlType::Double(), SqlType::String()};
  actual.json = "1,2.0,\"a,b\"";
  CHECK_FALSE(MatchSide(Json("1,2.0,\"a,b\""), actual));
  CHECK(MatchSide(Json("1,2.00,a,b"), actual));  // Four fields, not three.
  CHECK_FALSE(MatchSide(Json("1,2.00000000000000001,\"a,b\""), actual));
  CHECK(MatchSide(Json("1,2.5,\"a,b\""), actual));
  CHECK(MatchSide(Json("01,2.0,\"a,b\""), actual));  // INT fields compare as text.
  CHECK(MatchSide(Json(nullptr), actual));
  CHECK(SplitDelimited("a,\"b,\"\"c\",,d", ',') == std::vector<std::string>{"a", "b,\"c", "", "d"});
  CHECK(SplitDelimited("x|y", '|') == std::vector<std::string>{"x", "y"});
}

TEST_CASE("a decoding error fails the side") {
  DecodedSide actual;
  actual.error = "cannot read JSON bytes";
  actual.json = "garbage";
  const auto reason = MatchSide(Json("garbage"), actual);
  REQUIRE(reason);
  CHECK(*reason == "cannot read JSON bytes");
}

TEST_CASE("MatchRecord checks window, key, value, timestamp and headers") {
  QttRecord expected;
  expected.topic = "OUT";
  expected.key = 1;
  expected.value = ParseExactJson(R"({"V": 1})");
  expected.timestamp = 10;
  ActualRecord actual;
  actual.key.json = 1;
  actual.value.json = ParseExactJson(R"({"V": 1})");
  actual.timestamp = 10;
  CHECK_FALSE(MatchRecord(expected, actual, true));

  actual.timestamp = 11;
  REQUIRE(MatchRecord(expected, actual, true));
  CHECK(MatchRecord(expected, actual, true)->find("timestamp: expected 10 but got 11") == 0);
  expected.timestamp = 0;
  CHECK_FALSE(MatchRecord(expected, actual, false));  // Zero is not checked without inputs.
  CHECK(MatchRecord(expected, actual, true));
  expected.timestamp.reset();
  CHECK_FALSE(MatchRecord(expected, actual, true));

  expected.window = QttWindow{0, 1000, "time"};
  CHECK(MatchRecord(expected, actual, true)->find("window: expected [0,1000,time] but got none") ==
        0);
  actual.window = QttWindow{0, 1000, "time"};
  CHECK_FALSE(MatchRecord(expected, actual, true));
  actual.window = QttWindow{0, 2000, "time"};
  CHECK(MatchRecord(expected, actual, true));
  actual.window = expected.window;

  actual.headers.push_back(runtime::RecordHeader{"h", std::string("ab")});
  CHECK(MatchRecord(expected, actual, true)->find("headers") == 0);
  expected.headers = std::vector<QttHeader>{{"h", std::string("YWI=")}};
  CHECK_FALSE(MatchRecord(expected, actual, true));
  expected.headers = std::vector<QttHeader>{{"h", std::nullopt}};
  CHECK(MatchRecord(expected, actual, true));

  actual.headers.clear();
  expected.headers.reset();
  actual.key.json = 2;
  CHECK(MatchRecord(expected, actual, true)->find("key: expected 1 but got 2") == 0);
}

TEST_CASE("MatchTopic names the topic, the record and the counts") {
  QttRecord first;
  first.topic = "OUT";
  first.value = 1;
  QttRecord second = first;
  second.value = 2;
  ActualRecord one;
  one.value.json = 1;
  ActualRecord three;
  three.value.json = 3;

  CHECK_FALSE(MatchTopic("OUT", {&first}, {one}, true));
  const auto differs = MatchTopic("OUT", {&first, &second}, {one, three}, true);
  REQUIRE(differs);
  CHECK(differs->find("topic OUT record 1 value: expected 2 but got 3") == 0);
  const auto missing = MatchTopic("OUT", {&first, &second}, {one}, true);
  REQUIRE(missing);
  CHECK(missing->find("2 records expected, 1 written; first missing record 1") !=
        std::string::npos);
  const auto extra = MatchTopic("OUT", {&first}, {one, three}, true);
  REQUIRE(extra);
  CHECK(extra->find("first extra record 1: key=null value=3") != std::string::npos);
}

}  // namespace fluxo::qtt
