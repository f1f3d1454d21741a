#include "runtime/expr/temporal_text.h"

#include <doctest/doctest.h>

namespace fluxo::expr {

TEST_SUITE("expr") {
  TEST_CASE("civil dates and days since the epoch") {
    CHECK(DaysFromCivil(CivilDate{1970, 1, 1}) == 0);
    CHECK(DaysFromCivil(CivilDate{2000, 3, 1}) == 11017);  // 10957 + 31 + 29
    CHECK(DaysFromCivil(CivilDate{1969, 12, 31}) == -1);
    const CivilDate date = CivilFromDays(19110);
    CHECK(date.year == 2022);
    CHECK(date.month == 4);
    CHECK(date.day == 28);
    CHECK(TimestampToDate(-1) == -1);
    CHECK(TimestampToTime(-1) == 86'399'999);
    CHECK(TimestampToDate(1651182287943) == 19110);
    CHECK(TimestampToTime(1651182287943) == 78'287'943);  // 21:44:47.943
  }

  TEST_CASE("writing timestamps, dates and times as CAST(... AS STRING) does") {
    CHECK(FormatTimestampText(0) == "1970-01-01T00:00:00.000");
    CHECK(FormatTimestampText(1651182287943) == "2022-04-28T21:44:47.943");
    CHECK(FormatTimestampText(1552816800000) == "2019-03-17T10:00:00.000");  // SqlTimeTypesTest
    CHECK(FormatTimestampText(-1) == "1969-12-31T23:59:59.999");
    CHECK(FormatDateText(10) == "1970-01-11");  // SqlTimeTypesTest: new Date(864000000)
    CHECK(FormatDateText(17775) == "2018-09-01");
    CHECK(FormatTimeText(36'000'000) == "10:00");  // LocalTime.toString drops zero seconds
    CHECK(FormatTimeText(36'005'000) == "10:00:05");
    CHECK(FormatTimeText(36'005'123) == "10:00:05");  // and formatTime drops the millis
    CHECK(FormatTimeText(1000) == "00:00:01");
  }

  TEST_CASE("java.sql forms for values nested in collections") {
    CHECK(FormatJavaSqlTimestamp(0) == "1970-01-01 00:00:00.0");
    CHECK(FormatJavaSqlTimestamp(1651182287943) == "2022-04-28 21:44:47.943");
    CHECK(FormatJavaSqlTimestamp(50) == "1970-01-01 00:00:00.05");
    CHECK(FormatJavaSqlDate(17775) == "2018-09-01");
    CHECK(FormatJavaSqlTime(1000) == "00:00:01");
    CHECK(FormatJavaSqlTime(36'000'000) == "10:00:00");
  }

  TEST_CASE("reading timestamps (QTT cast.json and ksqlDB's SqlTimeTypesTest)") {
    CHECK(ParseTimestampText("2022-04-28T21:44:47.943") == 1651182287943);
    CHECK(ParseTimestampText("2022-04-28T21:44:47.943Z") == 1651182287943);
    CHECK(ParseTimestampText("2019-03-17T10:00:00") == 1552816800000);
    CHECK(ParseTimestampText("2019-03-17T03:00-0700") == 1552816800000);
    CHECK(ParseTimestampText("2019-03-17T12:00:00+02:00") == 1552816800000);
    CHECK(ParseTimestampText("2019-03-17T10") == 1552816800000);
    CHECK(ParseTimestampText("2018-09-01T09:01:15.000") == 1535792475000);
    CHECK(ParseTimestampText("2018-09-01") == 1535760000000);
    CHECK(ParseTimestampText("2020") == 1577836800000);                   // 2020-01-01
    CHECK(ParseTimestampText("2020-05") == 1588291200000);                // 2020-05-01
    CHECK(ParseTimestampText("2020-05-26T23:59:58.1") == 1590537598100);  // ".1" -> ".100"
    // The SMART resolver moves day 30 of February to the month's last day.
    CHECK(ParseTimestampText("2019-02-30T00:00") == 1551312000000);  // 2019-02-28
    for (const char* bad : {"abc",
                            "2019-03-17 03:00",
                            "2019-13-01T00:00",
                            "2019-03-17T25:00",
                            "2019-03-17T10:00:00.1234",
                            "2019-03T10:00",
                            "2019-03-17T10:00+19",
                            ""}) {
      CAPTURE(bad);
      CHECK_FALSE(ParseTimestampText(bad).has_value());
    }
  }

  TEST_CASE("reading dates and times") {
    CHECK(ParseDateText("2018-09-01") == 17775);
    CHECK(ParseDateText("1990-01") == 7305);  // 631152000000 ms
    CHECK(ParseDateText("1990") == 7305);
    CHECK_FALSE(ParseDateText("foo").has_value());
    CHECK_FALSE(ParseDateText("2019-02-30").has_value());  // LocalDate.parse is strict
    CHECK(ParseTimeText("10:00:00") == 36'000'000);
    CHECK(ParseTimeText("10:00") == 36'000'000);
    CHECK(ParseTimeText("10:00:00.001") == 36'000'001);
    CHECK(ParseTimeText("10:00:00.123456789") == 36'000'123);
    CHECK(ParseTimeText("09:01:15") == 32'475'000);
    for (const char* bad : {"25:00", "10", "10:00:", "10:00:00.", "1:00", "10:00:00.1234567890"}) {
      CAPTURE(bad);
      CHECK_FALSE(ParseTimeText(bad).has_value());
    }
  }
}

}  // namespace fluxo::expr
