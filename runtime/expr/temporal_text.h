#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fluxo::expr {

/// Text forms of TIMESTAMP (milliseconds since the epoch), DATE (days since the epoch) and TIME
/// (milliseconds since midnight), all in UTC, as ksqlDB writes and reads them.

/// A proleptic Gregorian calendar date.
struct CivilDate {
  int64_t year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// Returns the days since 1970-01-01 of a valid date.
int64_t DaysFromCivil(const CivilDate& date);

/// Returns the date `days` after 1970-01-01.
CivilDate CivilFromDays(int64_t days);

/// Returns the DATE (days) of a TIMESTAMP, rounding toward negative infinity.
int32_t TimestampToDate(int64_t millis);

/// Returns the TIME (milliseconds since midnight) of a TIMESTAMP.
int32_t TimestampToTime(int64_t millis);

/// Writes a TIMESTAMP as CAST(... AS STRING) does: "2020-01-01T00:00:00.000".
std::string FormatTimestampText(int64_t millis);

/// Writes a DATE as CAST(... AS STRING) does (Java's LocalDate.toString): "2020-01-31".
std::string FormatDateText(int32_t days);

/// Writes a TIME as CAST(... AS STRING) does, which drops the milliseconds and, like Java's
/// LocalTime.toString, zero seconds: "10:00", "10:00:05".
std::string FormatTimeText(int32_t millis);

/// Writes a TIMESTAMP nested in an ARRAY, MAP or STRUCT cast to STRING, as Java's
/// java.sql.Timestamp.toString does in UTC: "2020-01-01 00:00:00.0", "2022-04-28 21:44:47.943".
std::string FormatJavaSqlTimestamp(int64_t millis);

/// Writes a nested DATE as java.sql.Date.toString does: "2020-01-31".
std::string FormatJavaSqlDate(int32_t days);

/// Writes a nested TIME as java.sql.Time.toString does: "10:00:00".
std::string FormatJavaSqlTime(int32_t millis);

/// Reads a TIMESTAMP as ksqlDB's PartialStringToTimestampParser does:
/// "yyyy-MM-dd'T'HH:mm:ss.SSS" with a missing tail of the time filled in ("2020-01-01T10" is
/// 10:00:00.000), a date alone meaning midnight ("2020", "2020-05", "2020-05-26"), and an
/// optional zone after the time: "Z", "+0200", "-07:00". Nothing when the text does not parse.
std::optional<int64_t> ParseTimestampText(std::string_view text);

/// Reads a DATE "yyyy-MM-dd", also "yyyy-MM" and "yyyy" (the first day), as ksqlDB does.
std::optional<int32_t> ParseDateText(std::string_view text);

/// Reads a TIME "HH:mm", "HH:mm:ss" or "HH:mm:ss.fffffffff" (milliseconds kept) as Java's
/// LocalTime.parse does.
std::optional<int32_t> ParseTimeText(std::string_view text);

}  // namespace fluxo::expr
