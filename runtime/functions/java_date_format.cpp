#include "runtime/functions/java_date_format.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "runtime/core/error.h"

namespace fluxo::functions {

namespace {

constexpr const char* kSupportedLetters = "GuyDMLdEahKkHmsSXxZ";

std::string Padded(int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return (value < 0 ? "-" : "") + digits;
}

/// Writes a UTC offset as "+HHMM" or "+HH:MM"; with `minutes_if_needed`, "+HH" for whole hours.
std::string OffsetText(int offset_seconds, bool colon, bool minutes_if_needed) {
  const int magnitude = std::abs(offset_seconds);
  std::string text = (offset_seconds < 0 ? "-" : "+") + Padded(magnitude / 3600, 2);
  const int minutes = magnitude / 60 % 60;
  if (!minutes_if_needed || minutes != 0) {
    text += (colon ? ":" : "") + Padded(minutes, 2);
  }
  return text;
}

}  // namespace

const char* const kMonthNames[12] = {"January",
                                     "February",
                                     "March",
                                     "April",
                                     "May",
                                     "June",
                                     "July",
                                     "August",
                                     "September",
                                     "October",
                                     "November",
                                     "December"};

const char* const kWeekdayNames[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

DateTimeFields CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  DateTimeFields fields;
  fields.day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  fields.month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  fields.year = year_of_era + era * 400 + (fields.month <= 2 ? 1 : 0);
  return fields;
}

JavaDateTimeFormat::JavaDateTimeFormat(std::string_view pattern) : pattern_(pattern) {
  const auto invalid = [&](const std::string& why) {
    return Error(ErrorKind::kExecution, why + " in pattern '" + pattern_ + "'");
  };
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const size_t close = pattern.find('\'', i + 1);
      if (close == std::string_view::npos) {
        throw invalid("Pattern ends with an incomplete string literal");
      }
      tokens_.push_back(
          {0, 0, close == i + 1 ? "'" : std::string(pattern.substr(i + 1, close - i - 1))});
      i = close + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      size_t end = i;
      while (end < pattern.size() && pattern[end] == c) {
        ++end;
      }
      const int count = static_cast<int>(end - i);
      if (std::strchr(kSupportedLetters, c) == nullptr) {
        throw invalid(std::string("Unsupported pattern letter: ") + c);
      }
      const int max_count = std::strchr("dhKkHms", c) != nullptr ? 2
                            : c == 'D'                           ? 3
                            : c == 'a'                           ? 1
                            : c == 'S'                           ? 9
                                                                 : 5;
      if (count > max_count) {
        throw invalid(std::string("Too many pattern letters: ") + c);
      }
      tokens_.push_back({c, count, {}});
      i = end;
    } else if (std::strchr("[]{}#", c) != nullptr) {
      throw invalid(std::string("Unsupported pattern character: ") + c);
    } else {
      tokens_.push_back({0, 0, std::string(1, c)});
      ++i;
    }
  }
}

bool JavaDateTimeFormat::HasTimeFields() const {
  return std::any_of(tokens_.begin(), tokens_.end(), [](const Token& token) {
    return token.letter != 0 && std::strchr("ahKkHmsS", token.letter) != nullptr;
  });
}

bool JavaDateTimeFormat::HasDateFields() const {
  return std::any_of(tokens_.begin(), tokens_.end(), [](const Token& token) {
    return token.letter != 0 && std::strchr("GuyDMLdE", token.letter) != nullptr;
  });
}

std::string JavaDateTimeFormat::Format(const DateTimeFields& fields) const {
  const int64_t days = DaysFromCivil(fields.year, fields.month, fields.day);
  const int64_t year_of_era = fields.year > 0 ? fields.year : 1 - fields.year;
  const int clock_hour = fields.hour % 12 == 0 ? 12 : fields.hour % 12;
  std::string out;
  for (const Token& token : tokens_) {
    const int count = token.count;
    switch (token.letter) {
      case 0:
        out += token.literal;
        break;
      case 'G':
        out += fields.year > 0 ? (count == 4   ? "Anno Domini"
                                  : count == 5 ? "A"
                                               : "AD")
                               : (count == 4   ? "Before Christ"
                                  : count == 5 ? "B"
                                               : "BC");
        break;
      case 'u':
      case 'y': {
        const int64_t year = token.letter == 'u' ? fields.year : year_of_era;
        out += count == 2 ? Padded(std::abs(year) % 100, 2) : Padded(year, count);
        break;
      }
      case 'D':
        out += Padded(days - DaysFromCivil(fields.year, 1, 1) + 1, count);
        break;
      case 'M':
      case 'L':
        out += count <= 2 ? Padded(fields.month, count)
                          : std::string(kMonthNames[fields.month - 1])
                                .substr(0,
                                        count == 4   ? std::string::npos
                                        : count == 5 ? 1
                                                     : 3);
        break;
      case 'd':
        out += Padded(fields.day, count);
        break;
      case 'E':
        // 1970-01-01 was a Thursday (index 3 from Monday).
        out += std::string(kWeekdayNames[((days % 7) + 7 + 3) % 7])
                   .substr(0,
                           count == 4   ? std::string::npos
                           : count == 5 ? 1
                                        : 3);
        break;
      case 'a':
        out += fields.hour < 12 ? "AM" : "PM";
        break;
      case 'h':
        out += Padded(clock_hour, count);
        break;
      case 'K':
        out += Padded(fields.hour % 12, count);
        break;
      case 'k':
        out += Padded(fields.hour == 0 ? 24 : fields.hour, count);
        break;
      case 'H':
        out += Padded(fields.hour, count);
        break;
      case 'm':
        out += Padded(fields.minute, count);
        break;
      case 's':
        out += Padded(fields.second, count);
        break;
      case 'S':
        out += Padded(fields.nano, 9).substr(0, static_cast<size_t>(count));
        break;
      case 'X':
      case 'x':
        if (token.letter == 'X' && fields.offset_seconds == 0) {
          out += "Z";
        } else {
          out += OffsetText(fields.offset_seconds, count == 3 || count == 5, count == 1);
        }
        break;
      case 'Z':
        if (count == 4) {
          out += fields.offset_seconds == 0
                     ? "GMT"
                     : "GMT" + OffsetText(fields.offset_seconds, true, false);
        } else if (count == 5 && fields.offset_seconds == 0) {
          out += "Z";
        } else {
          out += OffsetText(fields.offset_seconds, count == 5, false);
        }
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace fluxo::functions
