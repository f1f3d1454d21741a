#include "runtime/expr/temporal_text.h"

#include <algorithm>
#include <vector>

namespace fluxo::expr {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;
constexpr int64_t kMillisPerSecond = 1000;

int64_t FloorDivide(int64_t value, int64_t divisor) {
  const int64_t quotient = value / divisor;
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::string Padded(int64_t value, size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) {
    text.insert(0, width - text.size(), '0');
  }
  return text;
}

// Reads exactly `width` ASCII digits at `position`, advancing it.
std::optional<int> ReadDigits(std::string_view text, size_t& position, size_t width) {
  if (position + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    const char c = text[position + i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  position += width;
  return value;
}

bool ReadChar(std::string_view text, size_t& position, char expected) {
  if (position < text.size() && text[position] == expected) {
    ++position;
    return true;
  }
  return false;
}

// "yyyy-MM-dd" with four year digits. `clamp_day` resolves an overlong day to the month's last
// one, as DateTimeFormatter's SMART resolver does; otherwise the date must exist.
std::optional<CivilDate> ReadDate(std::string_view text, size_t& position, bool clamp_day) {
  const auto year = ReadDigits(text, position, 4);
  if (!year || !ReadChar(text, position, '-')) {
    return std::nullopt;
  }
  const auto month = ReadDigits(text, position, 2);
  if (!month || !ReadChar(text, position, '-')) {
    return std::nullopt;
  }
  const auto day = ReadDigits(text, position, 2);
  if (!day || *month < 1 || *month > 12 || *day < 1 || *day > 31) {
    return std::nullopt;
  }
  CivilDate date{*year, *month, *day};
  const int last_day = DaysInMonth(date.year, date.month);
  if (date.day > last_day) {
    if (!clamp_day) {
      return std::nullopt;
    }
    date.day = last_day;
  }
  return date;
}

// Java's String.split("-") drops trailing empty parts.
size_t CountDashSeparatedParts(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dash = text.find('-', start);
    parts.push_back(text.substr(start, dash == std::string_view::npos ? dash : dash - start));
    if (dash == std::string_view::npos) {
      break;
    }
    start = dash + 1;
  }
  while (!parts.empty() && parts.back().empty()) {
    parts.pop_back();
  }
  return parts.size();
}

// PartialStringToTimestampParser.completeDate: "2020" -> "2020-01-01", "2020-05" -> "2020-05-01".
std::string CompleteDate(std::string_view date) {
  switch (CountDashSeparatedParts(date)) {
    case 0:
    case 1:
      return std::string(date) + "-01-01";
    case 2:
      return std::string(date) + "-01";
    default:
      return std::string(date);
  }
}

// PartialStringToTimestampParser.completeTime: pads with the tail of "HH:mm:ss.SSS", its
// letters turned into zeros ("10" -> "10:00:00.000", "10:00:00.1" -> "10:00:00.100").
std::string CompleteTime(std::string_view time) {
  static constexpr std::string_view kPattern = "HH:mm:ss.SSS";
  std::string result(time);
  for (size_t i = time.size(); i < kPattern.size(); ++i) {
    const char c = kPattern[i];
    result.push_back((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? '0' : c);
  }
  return result;
}

// ZoneOffset.of: +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss (also with '-'); at most 18 hours.
std::optional<int64_t> ParseZoneOffsetSeconds(std::string_view text) {
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) {
    return std::nullopt;
  }
  const int64_t sign = text[0] == '-' ? -1 : 1;
  const std::string_view rest = text.substr(1);
  size_t position = 0;
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (rest.size() == 1) {
    const auto read_hours = ReadDigits(rest, position, 1);
    if (!read_hours) {
      return std::nullopt;
    }
    hours = *read_hours;
  } else {
    const auto read_hours = ReadDigits(rest, position, 2);
    if (!read_hours) {
      return std::nullopt;
    }
    hours = *read_hours;
    const bool colons = position < rest.size() && rest[position] == ':';
    for (int* field : {&minutes, &seconds}) {
      if (position == rest.size()) {
        break;
      }
      if (colons && !ReadChar(rest, position, ':')) {
        return std::nullopt;
      }
      const auto value = ReadDigits(rest, position, 2);
      if (!value || *value > 59) {
        return std::nullopt;
      }
      *field = *value;
    }
    if (position != rest.size()) {
      return std::nullopt;
    }
  }
  const int64_t total = int64_t{hours} * 3600 + int64_t{minutes} * 60 + seconds;
  if (total > int64_t{18} * 3600) {
    return std::nullopt;
  }
  return sign * total;
}

}  // namespace

int64_t DaysFromCivil(const CivilDate& date) {
  // Howard Hinnant's days_from_civil.
  const int64_t year = date.month <= 2 ? date.year - 1 : date.year;
  const int64_t era = FloorDivide(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t month_index = date.month > 2 ? date.month - 3 : date.month + 9;
  const int64_t day_of_year = (153 * month_index + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t shifted = days + 719468;
  const int64_t era = FloorDivide(shifted, 146097);
  const int64_t day_of_era = shifted - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  return CivilDate{year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int32_t TimestampToDate(int64_t millis) {
  return static_cast<int32_t>(FloorDivide(millis, kMillisPerDay));
}

int32_t TimestampToTime(int64_t millis) {
  return static_cast<int32_t>(millis - FloorDivide(millis, kMillisPerDay) * kMillisPerDay);
}

std::string FormatTimestampText(int64_t millis) {
  const CivilDate date = CivilFromDays(TimestampToDate(millis));
  const int64_t time = TimestampToTime(millis);
  // The pattern's "yyyy" is the year of era: a '+' once it needs more than four digits.
  const int64_t year_of_era = date.year > 0 ? date.year : 1 - date.year;
  const std::string year = (year_of_era > 9999 ? "+" : "") + Padded(year_of_era, 4);
  return year + "-" + Padded(date.month, 2) + "-" + Padded(date.day, 2) + "T" +
         Padded(time / 3'600'000, 2) + ":" + Padded(time / 60'000 % 60, 2) + ":" +
         Padded(time / 1000 % 60, 2) + "." + Padded(time % 1000, 3);
}

std::string FormatDateText(int32_t days) {
  const CivilDate date = CivilFromDays(days);
  std::string year;
  if (date.year < 0 && date.year > -1000) {
    year = "-" + Padded(-date.year, 4);
  } else {
    year = (date.year > 9999 ? "+" : "") + Padded(date.year, 4);
  }
  return year + "-" + Padded(date.month, 2) + "-" + Padded(date.day, 2);
}

std::string FormatTimeText(int32_t millis) {
  const int32_t seconds = millis / 1000;
  std::string text = Padded(seconds / 3600, 2) + ":" + Padded(seconds / 60 % 60, 2);
  if (seconds % 60 != 0) {
    text += ":" + Padded(seconds % 60, 2);
  }
  return text;
}

std::string FormatJavaSqlTimestamp(int64_t millis) {
  const std::string iso = FormatTimestampText(millis);
  std::string fraction = Padded(TimestampToTime(millis) % 1000, 3);
  while (fraction.size() > 1 && fraction.back() == '0') {
    fraction.pop_back();
  }
  // "yyyy-MM-ddTHH:mm:ss.SSS" -> "yyyy-MM-dd HH:mm:ss.f"
  const size_t t = iso.find('T');
  return iso.substr(0, t) + " " + iso.substr(t + 1, 8) + "." + fraction;
}

std::string FormatJavaSqlDate(int32_t days) {
  return FormatDateText(days);
}

std::string FormatJavaSqlTime(int32_t millis) {
  const int32_t seconds = millis / 1000;
  return Padded(seconds / 3600, 2) + ":" + Padded(seconds / 60 % 60, 2) + ":" +
         Padded(seconds % 60, 2);
}

std::optional<int64_t> ParseTimestampText(std::string_view text) {
  std::string date;
  std::string time;
  std::string_view zone;
  const size_t t = text.find('T');
  if (t != std::string_view::npos) {
    date = std::string(text.substr(0, t));
    const std::string_view with_zone = text.substr(t + 1);
    size_t zone_start = with_zone.find('+');
    if (zone_start == std::string_view::npos) {
      zone_start = with_zone.find('-');
    }
    zone = zone_start == std::string_view::npos ? std::string_view() : with_zone.substr(zone_start);
    std::string_view clock = with_zone.substr(0, with_zone.size() - zone.size());
    if (!clock.empty() && clock.back() == 'Z') {
      clock.remove_suffix(1);
    }
    time = CompleteTime(clock);
  } else {
    date = CompleteDate(text);
    time = CompleteTime("");
  }
  int64_t offset_seconds = 0;
  if (zone.find_first_not_of(" \t\n\r\f\v") != std::string_view::npos) {
    const auto offset = ParseZoneOffsetSeconds(zone);
    if (!offset) {
      return std::nullopt;
    }
    offset_seconds = *offset;
  }
  size_t position = 0;
  const auto civil = ReadDate(date, position, /*clamp_day=*/true);
  if (!civil || position != date.size() || civil->year == 0) {
    return std::nullopt;
  }
  position = 0;
  const auto hours = ReadDigits(time, position, 2);
  const bool colon1 = ReadChar(time, position, ':');
  const auto minutes = ReadDigits(time, position, 2);
  const bool colon2 = ReadChar(time, position, ':');
  const auto seconds = ReadDigits(time, position, 2);
  const bool point = ReadChar(time, position, '.');
  const auto fraction = ReadDigits(time, position, 3);
  if (!hours || !minutes || !seconds || !fraction || !colon1 || !colon2 || !point ||
      position != time.size() || *hours > 23 || *minutes > 59 || *seconds > 59) {
    return std::nullopt;
  }
  return DaysFromCivil(*civil) * kMillisPerDay + *hours * 3'600'000LL + *minutes * 60'000LL +
         *seconds * kMillisPerSecond + *fraction - offset_seconds * kMillisPerSecond;
}

std::optional<int32_t> ParseDateText(std::string_view text) {
  const std::string completed = CompleteDate(text);
  size_t position = 0;
  const auto civil = ReadDate(completed, position, /*clamp_day=*/false);
  if (!civil || position != completed.size()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(DaysFromCivil(*civil));
}

std::optional<int32_t> ParseTimeText(std::string_view text) {
  size_t position = 0;
  const auto hours = ReadDigits(text, position, 2);
  const bool colon = ReadChar(text, position, ':');
  const auto minutes = ReadDigits(text, position, 2);
  if (!hours || !colon || !minutes || *hours > 23 || *minutes > 59) {
    return std::nullopt;
  }
  int seconds = 0;
  int millis = 0;
  if (ReadChar(text, position, ':')) {
    const auto read_seconds = ReadDigits(text, position, 2);
    if (!read_seconds || *read_seconds > 59) {
      return std::nullopt;
    }
    seconds = *read_seconds;
    if (ReadChar(text, position, '.')) {
      // One to nine fraction digits; only the first three (milliseconds) are kept.
      const size_t start = position;
      while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
        if (position - start < 3) {
          millis = millis * 10 + (text[position] - '0');
        }
        ++position;
      }
      const size_t count = position - start;
      if (count == 0 || count > 9) {
        return std::nullopt;
      }
      for (size_t i = count; i < 3; ++i) {
        millis *= 10;
      }
    }
  }
  if (position != text.size()) {
    return std::nullopt;
  }
  return (*hours * 3600 + *minutes * 60 + seconds) * 1000 + millis;
}

}  // namespace fluxo::expr
