#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// Dates and times written and read with java.time.format.DateTimeFormatter patterns, as
/// ksqlDB's PARSE_/FORMAT_ functions do, in the ISO (proleptic Gregorian) calendar with
/// English names.
///
/// Supported pattern letters: G, u, y, D, M/L, d, E, a, h, K, k, H, m, s, S, X, x, Z, plus
/// 'quoted text' and any non-letter as a literal. Numeric fields accept Java's widths (one
/// letter: variable width; two: exactly two digits; yyyy: four or more) and adjacent value
/// parsing ("yyyyMMdd"). Other letters (zone names z/V/O, week fields, optional sections)
/// make the pattern invalid.
namespace fluxo::functions {

/// A local date and time plus its offset from UTC.
struct DateTimeFields {
  int64_t year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int nano = 0;
  int offset_seconds = 0;
};

/// What a parse found, on top of the defaults 1970-01-01T00:00 UTC.
struct ParsedDateTime {
  DateTimeFields fields;
  bool has_date = false;    ///< The text gave a full date (year with month and day, or day).
  bool has_time = false;    ///< The text gave a time-of-day field.
  bool has_offset = false;  ///< The text gave a UTC offset.
};

/// English month names, January first, and weekday names, Monday first.
extern const char* const kMonthNames[12];
extern const char* const kWeekdayNames[7];

/// Returns the days since 1970-01-01 of a date.
int64_t DaysFromCivil(int64_t year, int month, int day);

/// Returns the date `days` after 1970-01-01 (time fields left at midnight).
DateTimeFields CivilFromDays(int64_t days);

/// Returns the offset in seconds of a time zone argument: "UTC", "GMT", "UT" or "Z", alone or
/// followed by an offset, or an offset such as "+05:30", "-0800", "+01". Throws kExecution for
/// anything else (region zones such as "Europe/Paris" are not supported).
int ZoneOffsetSeconds(std::string_view zone);

/// What a parse does with text left over after the pattern: java.time rejects it ("unparsed
/// text found"), while java.text formats (SimpleDateFormat, commons-lang FastDateFormat) stop
/// where the pattern ends.
enum class TrailingText { kReject, kIgnore };

/// A compiled DateTimeFormatter pattern.
class JavaDateTimeFormat {
 public:
  /// Compiles `pattern`; throws kExecution when it is not supported.
  explicit JavaDateTimeFormat(std::string_view pattern);

  /// Returns true when the pattern has a time-of-day field (hours to fractions, AM/PM).
  bool HasTimeFields() const;

  /// Returns true when the pattern has a date field.
  bool HasDateFields() const;

  /// Writes `fields` with the pattern.
  std::string Format(const DateTimeFields& fields) const;

  /// Reads `text` with the pattern, resolving as Java's SMART resolver does (a day beyond the
  /// month's end becomes its last day). Throws kExecution when the text does not match, or
  /// has text left over and `trailing` is kReject.
  ParsedDateTime Parse(std::string_view text,
                       bool case_insensitive,
                       TrailingText trailing = TrailingText::kReject) const;

 private:
  struct Token {
    char letter = 0;  ///< 0 for literal text.
    int count = 0;
    std::string literal;
  };

  std::string pattern_;
  std::vector<Token> tokens_;
};

}  // namespace fluxo::functions
