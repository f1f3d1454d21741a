// JavaDateTimeFormat::Parse and the time zone argument; see java_date_format.h.
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/functions/java_date_format.h"

namespace fluxo::functions {

namespace {

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int MonthLength(int64_t year, int month) {
  static constexpr int kLengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kLengths[month - 1];
}

bool IsNumericLetter(char letter, int count) {
  return std::strchr("uyDdhKkHmsS", letter) != nullptr ||
         ((letter == 'M' || letter == 'L') && count <= 2);
}

/// The digits a numeric field takes when parsing: {minimum, maximum}.
std::pair<int, int> DigitRange(char letter, int count) {
  switch (letter) {
    case 'u':
    case 'y':
      return count == 2 ? std::make_pair(2, 2) : std::make_pair(count, 19);
    case 'D':
      return {count, 3};
    case 'S':
      return {count, count};
    default:
      return count == 1 ? std::make_pair(1, 2) : std::make_pair(2, 2);
  }
}

Error ParseError(std::string_view text, size_t index) {
  return Error(
      ErrorKind::kExecution,
      "Text '" + std::string(text) + "' could not be parsed at index " + std::to_string(index));
}

bool SameText(std::string_view left, std::string_view right, bool case_insensitive) {
  if (left.size() != right.size()) {
    return false;
  }
  for (size_t i = 0; i < left.size(); ++i) {
    const auto a = static_cast<unsigned char>(left[i]);
    const auto b = static_cast<unsigned char>(right[i]);
    if (a != b && !(case_insensitive && std::tolower(a) == std::tolower(b))) {
      return false;
    }
  }
  return true;
}

/// Matches one of `names` (full, three-letter or one-letter forms by `count`) at `position`.
std::optional<int> MatchName(std::string_view text,
                             size_t& position,
                             const char* const* names,
                             int name_count,
                             int count,
                             bool case_insensitive) {
  for (int i = 0; i < name_count; ++i) {
    const std::string_view full = names[i];
    const std::string_view name = count == 4 ? full : full.substr(0, count == 5 ? 1 : 3);
    if (SameText(text.substr(position, name.size()), name, case_insensitive)) {
      position += name.size();
      return i;
    }
  }
  return std::nullopt;
}

std::optional<int> TwoDigits(std::string_view text, size_t& at) {
  if (at + 2 > text.size() || std::isdigit(static_cast<unsigned char>(text[at])) == 0 ||
      std::isdigit(static_cast<unsigned char>(text[at + 1])) == 0) {
    return std::nullopt;
  }
  at += 2;
  return (text[at - 2] - '0') * 10 + (text[at - 1] - '0');
}

/// Reads "+HH", "+HHMM" or "+HH:MM" (as the pattern letter count asks), or "Z" for X.
std::optional<int> MatchOffset(std::string_view text, size_t& position, char letter, int count) {
  if (letter == 'X' && position < text.size() && text[position] == 'Z') {
    ++position;
    return 0;
  }
  if (position >= text.size() || (text[position] != '+' && text[position] != '-')) {
    return std::nullopt;
  }
  const int sign = text[position] == '-' ? -1 : 1;
  size_t at = position + 1;
  const auto hours = TwoDigits(text, at);
  if (!hours) {
    return std::nullopt;
  }
  const bool colon = (letter != 'Z' && (count == 3 || count == 5)) || (letter == 'Z' && count == 5);
  if (colon && at < text.size() && text[at] == ':') {
    ++at;
  }
  const size_t before_minutes = at;
  int minutes = 0;
  if (const auto read = TwoDigits(text, at)) {
    minutes = *read;
  } else if (count != 1 || letter == 'Z') {
    return std::nullopt;
  } else {
    at = before_minutes;
  }
  position = at;
  return sign * (*hours * 3600 + minutes * 60);
}

/// The fields a text gave before they are resolved into a date and time.
struct RawFields {
  std::optional<int64_t> year;
  std::optional<int64_t> year_of_era;
  std::optional<int64_t> day_of_year;
  std::optional<int64_t> month;
  std::optional<int64_t> day;
  std::optional<int64_t> hour_of_day;
  std::optional<int64_t> clock_hour_of_day;
  std::optional<int64_t> hour_of_am_pm;
  std::optional<int64_t> minute;
  std::optional<int64_t> second;
  std::optional<int64_t> nano;
  std::optional<int> pm;
  std::optional<int> offset;
  bool before_christ = false;
  bool two_digit_year = false;
};

void CheckRange(const std::optional<int64_t>& value, int64_t low, int64_t high, const char* name) {
  if (value && (*value < low || *value > high)) {
    throw Error(ErrorKind::kExecution,
                std::string("Invalid value for ") + name + " (valid values " + std::to_string(low) +
                    " - " + std::to_string(high) + "): " + std::to_string(*value));
  }
}

ParsedDateTime Resolve(RawFields raw) {
  CheckRange(raw.month, 1, 12, "MonthOfYear");
  CheckRange(raw.day, 1, 31, "DayOfMonth");
  CheckRange(raw.day_of_year, 1, 366, "DayOfYear");
  CheckRange(raw.hour_of_day, 0, 23, "HourOfDay");
  CheckRange(raw.clock_hour_of_day, 1, 24, "ClockHourOfDay");
  CheckRange(raw.minute, 0, 59, "MinuteOfHour");
  CheckRange(raw.second, 0, 59, "SecondOfMinute");
  ParsedDateTime parsed;
  DateTimeFields& fields = parsed.fields;
  if (raw.year_of_era && !raw.year) {
    const int64_t year_of_era = *raw.year_of_era + (raw.two_digit_year ? 2000 : 0);
    raw.year = raw.before_christ ? 1 - year_of_era : year_of_era;
  } else if (raw.year && raw.two_digit_year) {
    *raw.year += 2000;
  }
  fields.year = raw.year.value_or(1970);
  if (raw.day_of_year) {
    if (*raw.day_of_year == 366 && !IsLeapYear(fields.year)) {
      throw Error(ErrorKind::kExecution, "Invalid date 'DayOfYear 366' as it is not a leap year");
    }
    const DateTimeFields date =
        CivilFromDays(DaysFromCivil(fields.year, 1, 1) + *raw.day_of_year - 1);
    fields.month = date.month;
    fields.day = date.day;
  }
  fields.month = static_cast<int>(raw.month.value_or(fields.month));
  // The SMART resolver moves a day beyond the end of the month to its last day.
  fields.day = std::min(static_cast<int>(raw.day.value_or(fields.day)),
                        MonthLength(fields.year, fields.month));
  parsed.has_date = raw.year && ((raw.month && raw.day) || raw.day_of_year);
  const int64_t am_pm_hours = int64_t{raw.pm.value_or(0)} * 12;
  if (raw.hour_of_day) {
    fields.hour = static_cast<int>(*raw.hour_of_day);
  } else if (raw.clock_hour_of_day) {
    fields.hour = static_cast<int>(*raw.clock_hour_of_day % 24);
  } else if (raw.hour_of_am_pm) {
    fields.hour = static_cast<int>(*raw.hour_of_am_pm % 12 + am_pm_hours);
  } else if (raw.pm) {
    fields.hour = static_cast<int>(am_pm_hours);
  }
  fields.minute = static_cast<int>(raw.minute.value_or(0));
  fields.second = static_cast<int>(raw.second.value_or(0));
  fields.nano = static_cast<int>(raw.nano.value_or(0));
  parsed.has_time = raw.hour_of_day || raw.clock_hour_of_day || raw.hour_of_am_pm || raw.pm ||
                    raw.minute || raw.second || raw.nano;
  parsed.has_offset = raw.offset.has_value();
  fields.offset_seconds = raw.offset.value_or(0);
  return parsed;
}

}  // namespace

int ZoneOffsetSeconds(std::string_view zone) {
  std::string_view rest = zone;
  for (const std::string_view prefix : {"UTC", "GMT", "UT", "Z"}) {
    if (rest.substr(0, prefix.size()) == prefix) {
      rest.remove_prefix(prefix.size());
      break;
    }
  }
  if (rest.empty()) {
    return 0;
  }
  // Accept +H, +HH, +HHMM and +HH:MM.
  std::string digits;
  for (const char c : rest.substr(1)) {
    if (c != ':') {
      digits.push_back(c);
    }
  }
  const std::string normalized =
      std::string(rest.substr(0, 1)) + (digits.size() == 1 ? "0" : "") + digits;
  size_t position = 0;
  const auto offset = MatchOffset(normalized, position, 'x', 1);
  if (!offset || position != normalized.size() || std::abs(*offset) > 18 * 3600) {
    throw Error(ErrorKind::kExecution, "Unknown or unsupported time zone: " + std::string(zone));
  }
  return *offset;
}

ParsedDateTime JavaDateTimeFormat::Parse(std::string_view text,
                                         bool case_insensitive,
                                         TrailingText trailing) const {
  RawFields raw;
  size_t position = 0;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const Token& token = tokens_[i];
    const size_t start = position;
    if (token.letter == 0) {
      if (!SameText(text.substr(position, token.literal.size()), token.literal, case_insensitive)) {
        throw ParseError(text, position);
      }
      position += token.literal.size();
      continue;
    }
    if (IsNumericLetter(token.letter, token.count)) {
      auto [min_digits, max_digits] = DigitRange(token.letter, token.count);
      size_t available = 0;
      while (position + available < text.size() &&
             std::isdigit(static_cast<unsigned char>(text[position + available])) != 0) {
        ++available;
      }
      // Adjacent value parsing: a variable-width field leaves the digits of the fixed-width
      // fields right after it ("yyyyMMdd").
      size_t reserved = 0;
      for (size_t next = i + 1;
           min_digits != max_digits && next < tokens_.size() && tokens_[next].letter != 0 &&
           IsNumericLetter(tokens_[next].letter, tokens_[next].count);
           ++next) {
        reserved +=
            static_cast<size_t>(DigitRange(tokens_[next].letter, tokens_[next].count).first);
      }
      const size_t usable = available > reserved ? available - reserved : 0;
      const size_t take = std::min(usable, static_cast<size_t>(max_digits));
      if (take < static_cast<size_t>(min_digits)) {
        throw ParseError(text, position);
      }
      const int64_t value = std::stoll(std::string(text.substr(position, take)));
      position += take;
      switch (token.letter) {
        case 'u':
          raw.year = value;
          raw.two_digit_year = token.count == 2;
          break;
        case 'y':
          raw.year_of_era = value;
          raw.two_digit_year = token.count == 2;
          break;
        case 'D':
          raw.day_of_year = value;
          break;
        case 'M':
        case 'L':
          raw.month = value;
          break;
        case 'd':
          raw.day = value;
          break;
        case 'H':
          raw.hour_of_day = value;
          break;
        case 'k':
          raw.clock_hour_of_day = value;
          break;
        case 'h':
        case 'K':
          raw.hour_of_am_pm = value;
          break;
        case 'm':
          raw.minute = value;
          break;
        case 's':
          raw.second = value;
          break;
        case 'S':
          raw.nano = value;
          for (int digits = token.count; digits < 9; ++digits) {
            *raw.nano *= 10;
          }
          break;
        default:
          break;
      }
      continue;
    }
    std::optional<int> matched;
    switch (token.letter) {
      case 'M':
      case 'L':
        matched = MatchName(text, position, kMonthNames, 12, token.count, case_insensitive);
        raw.month = matched ? std::optional<int64_t>(*matched + 1) : std::nullopt;
        break;
      case 'E':
        matched = MatchName(text, position, kWeekdayNames, 7, token.count, case_insensitive);
        break;
      case 'a': {
        static constexpr const char* kAmPm[] = {"AM", "PM"};
        matched = MatchName(text, position, kAmPm, 2, 4, case_insensitive);
        raw.pm = matched;
        break;
      }
      case 'G': {
        static constexpr const char* kEras[] = {"BC", "AD"};
        matched = MatchName(text, position, kEras, 2, 4, case_insensitive);
        raw.before_christ = matched && *matched == 0;
        break;
      }
      default:
        matched = MatchOffset(text, position, token.letter, token.count);
        raw.offset = matched;
        break;
    }
    if (!matched) {
      throw ParseError(text, start);
    }
  }
  if (position != text.size() && trailing == TrailingText::kReject) {
    throw Error(ErrorKind::kExecution,
                "Text '" + std::string(text) +
                    "' could not be parsed, unparsed text found at index " +
                    std::to_string(position));
  }
  return Resolve(raw);
}

}  // namespace fluxo::functions
