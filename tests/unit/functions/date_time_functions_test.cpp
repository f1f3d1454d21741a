// PARSE_DATE's expected values come from ksqlDB's null.json and cast.json vectors; the others
// follow java.time.format.DateTimeFormatter.
#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

Value ParseDate(Value text, Value pattern) {
  return Call("PARSE_DATE", {kString, kString}, {std::move(text), std::move(pattern)});
}

Value FormatDate(int32_t days, const char* pattern) {
  return Call("FORMAT_DATE", {kDate, kString}, {I(days), S(pattern)});
}

Value ParseTimestamp(const char* text, const char* pattern) {
  return Call("PARSE_TIMESTAMP", {kString, kString}, {S(text), S(pattern)});
}

Value FormatTimestamp(int64_t millis, const char* pattern) {
  return Call("FORMAT_TIMESTAMP", {kTimestamp, kString}, {L(millis), S(pattern)});
}

constexpr int64_t kSample = 1577934245678;  // 2020-01-02T03:04:05.678Z

}  // namespace

TEST_CASE("PARSE_DATE as in null.json and cast.json") {
  CHECK(ParseDate(S("2003-12-24"), S("yyyy-MM-dd")) == I(12410));
  CHECK(ParseDate(S("2008-08-13"), S("yyyy-MM-dd")) == I(14104));
  CHECK(ParseDate(S("2004-01-01"), S("yyyy-MM-dd")) == I(12418));
  CHECK(ParseDate(S("2012-01-01"), S("yyyy-MM-dd")) == I(15340));
  CHECK(ParseDate(S("2022-02-02"), S("yyyy-MM-dd")) == I(19025));
  CHECK_THROWS_AS(ParseDate(S("2004"), S("yyyy-MM-dd")), Error);
  CHECK_THROWS_AS(ParseDate(S("abcd"), S("yyyy-MM-dd")), Error);
  // Text after the pattern is ignored, as FastDateFormat does (null.json's "2003-12-24" +
  // "-01-01" parses as 2003-12-24).
  CHECK(ParseDate(S("2003-12-24-01-01"), S("yyyy-MM-dd")) == I(12410));
  CHECK(ParseDate(S("2008-08-13-01-01"), S("yyyy-MM-dd")) == I(14104));
  CHECK(ParseDate(Null(), S("yyyy-MM-dd")) == Null());
  CHECK(ParseDate(S("2004-01-01"), Null()) == Null());
  CHECK(ReturnType("PARSE_DATE", {kString, kString}) == "DATE");
}

TEST_CASE("PARSE_DATE follows DateTimeFormatter") {
  CHECK(ParseDate(S("20040229"), S("yyyyMMdd")) == I(12477));
  CHECK(ParseDate(S("2021-02-30"), S("yyyy-MM-dd")) == I(18686));
  CHECK(ParseDate(S("29 feb 2004"), S("dd MMM yyyy")) == I(12477));
  CHECK(ParseDate(S("Sunday, February 29, 2004"), S("EEEE, MMMM d, yyyy")) == I(12477));
  CHECK(ParseDate(S("2004-060"), S("yyyy-DDD")) == I(12477));
  CHECK(ParseDate(S("04/2/29"), S("yy/M/d")) == I(12477));
  CHECK(ParseDate(S("on 2004-02-29"), S("'on' yyyy-MM-dd")) == I(12477));
  CHECK_THROWS_AS(ParseDate(S("2004-13-01"), S("yyyy-MM-dd")), Error);
  CHECK_THROWS_AS(ParseDate(S("2004-2-29"), S("yyyy-MM-dd")), Error);
  CHECK_THROWS_AS(ParseDate(S("2004-02-29 10"), S("yyyy-MM-dd HH")), Error);
  CHECK(ParseDate(S("2004-02-29x"), S("yyyy-MM-dd")) == I(12477));  // Trailing text ignored.
  CHECK_THROWS_AS(ParseDate(S("2004"), S("yyyy qq")), Error);
}

TEST_CASE("FORMAT_DATE") {
  CHECK(FormatDate(12410, "yyyy-MM-dd") == S("2003-12-24"));
  CHECK(FormatDate(12410, "EEEE d MMMM yy") == S("Wednesday 24 December 03"));
  CHECK(FormatDate(12410, "EEE, MMM d, ''yy") == S("Wed, Dec 24, '03"));
  CHECK(FormatDate(-1, "yyyy-MM-dd") == S("1969-12-31"));
  CHECK(FormatDate(12477, "D") == S("60"));
  CHECK(Call("FORMAT_DATE", {kDate, kString}, {Null(), S("yyyy")}) == Null());
  CHECK_THROWS_AS(FormatDate(12410, "yyyy HH"), Error);
}

TEST_CASE("PARSE_TIMESTAMP and FORMAT_TIMESTAMP") {
  CHECK(ParseTimestamp("2020-01-02 03:04:05.678", "yyyy-MM-dd HH:mm:ss.SSS") == L(kSample));
  CHECK(ParseTimestamp("2020-01-02T03:04:05.678Z", "yyyy-MM-dd'T'HH:mm:ss.SSSX") == L(kSample));
  CHECK(ParseTimestamp("2020-01-02T04:04:05.678+01:00", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") ==
        L(kSample));
  CHECK(Call("PARSE_TIMESTAMP",
             {kString, kString, kString},
             {S("2020-01-02 04:04:05.678"), S("yyyy-MM-dd HH:mm:ss.SSS"), S("UTC+01:00")}) ==
        L(kSample));
  CHECK(ParseTimestamp("12/31/1999 11:59 PM", "MM/dd/yyyy hh:mm a") == L(946684740000));
  CHECK(ParseTimestamp("03:04", "HH:mm") == L(11040000));
  CHECK(ParseTimestamp("1970", "yyyy") == L(0));
  CHECK(FormatTimestamp(kSample, "yyyy-MM-dd'T'HH:mm:ss.SSSX") == S("2020-01-02T03:04:05.678Z"));
  CHECK(FormatTimestamp(kSample, "h:mm a, S") == S("3:04 AM, 6"));
  CHECK(FormatTimestamp(-1, "yyyy-MM-dd HH:mm:ss.SSS") == S("1969-12-31 23:59:59.999"));
  CHECK(Call("FORMAT_TIMESTAMP",
             {kTimestamp, kString, kString},
             {L(kSample), S("yyyy-MM-dd HH:mm xxx"), S("-05:30")}) == S("2020-01-01 21:34 -05:30"));
  CHECK(Call("FORMAT_TIMESTAMP",
             {kTimestamp, kString, kString},
             {L(0), S("HH:mm Z"), S("GMT+2")}) == S("02:00 +0200"));
  CHECK_THROWS_AS(
      Call("FORMAT_TIMESTAMP", {kTimestamp, kString, kString}, {L(0), S("HH"), S("Europe/Paris")}),
      Error);
  CHECK_THROWS_AS(ParseTimestamp("2020-01-02", "yyyy-MM-dd HH"), Error);
  CHECK_THROWS_AS(ParseTimestamp("x", "yyyy"), Error);
}

TEST_CASE("the legacy BIGINT and INT forms") {
  CHECK(Call("STRINGTOTIMESTAMP",
             {kString, kString},
             {S("2020-01-02 03:04:05.678"), S("yyyy-MM-dd HH:mm:ss.SSS")}) == L(kSample));
  CHECK(ReturnType("STRINGTOTIMESTAMP", {kString, kString}) == "BIGINT");
  CHECK(Call("TIMESTAMPTOSTRING", {kBigint, kString}, {L(kSample), S("yyyy-MM-dd")}) ==
        S("2020-01-02"));
  CHECK(Call("STRINGTODATE", {kString, kString}, {S("2003-12-24"), S("yyyy-MM-dd")}) == I(12410));
  CHECK(Call("DATETOSTRING", {kInt, kString}, {I(12410), S("yyyy-MM-dd")}) == S("2003-12-24"));
}

TEST_CASE("PARSE_TIME and FORMAT_TIME") {
  CHECK(Call("PARSE_TIME", {kString, kString}, {S("12:34:56"), S("HH:mm:ss")}) == I(45296000));
  CHECK(Call("PARSE_TIME", {kString, kString}, {S("1 PM"), S("h a")}) == I(46800000));
  CHECK(Call("FORMAT_TIME", {kTime, kString}, {I(45296789), S("HH:mm:ss.SSS")}) ==
        S("12:34:56.789"));
  CHECK_THROWS_AS(Call("PARSE_TIME", {kString, kString}, {S("2020 12"), S("yyyy HH")}), Error);
  CHECK(Call("PARSE_TIME", {kString, kString}, {Null(), S("HH")}) == Null());
  CHECK(Call("FORMAT_TIME", {kTime, kString}, {Null(), S("HH")}) == Null());
}

TEST_CASE("epoch conversions") {
  CHECK(Call("UNIX_TIMESTAMP", {kTimestamp}, {L(kSample)}) == L(kSample));
  CHECK(Call("UNIX_DATE", {kDate}, {I(12410)}) == I(12410));
  CHECK(Call("FROM_UNIXTIME", {kBigint}, {L(kSample)}) == L(kSample));
  CHECK(Call("FROM_DAYS", {kInt}, {I(12410)}) == I(12410));
  CHECK(ReturnType("FROM_UNIXTIME", {kBigint}) == "TIMESTAMP");
  CHECK(ReturnType("FROM_DAYS", {kInt}) == "DATE");
  CHECK(Call("UNIX_TIMESTAMP", {}, {}).AsInt64() > kSample);
  CHECK(Call("UNIX_DATE", {}, {}).AsInt32() > 18000);
  for (const char* name : {"UNIX_TIMESTAMP", "FROM_UNIXTIME"}) {
    const SqlTypePtr type = std::string(name) == "UNIX_TIMESTAMP" ? kTimestamp : kBigint;
    CHECK(Call(name, {type}, {Null()}) == Null());
  }
  CHECK(Call("UNIX_DATE", {kDate}, {Null()}) == Null());
  CHECK(Call("FROM_DAYS", {kInt}, {Null()}) == Null());
}

}  // namespace fluxo::functions::testing
