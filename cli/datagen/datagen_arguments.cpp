#include "cli/datagen/datagen_arguments.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace fluxo::cli::datagen {
namespace {

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

/// Reads `width` digits at `text[position]` into `value`; false when they are not all digits.
bool ReadDigits(const std::string& text, size_t position, size_t width, int64_t& value) {
  if (position + width > text.size()) {
    return false;
  }
  value = 0;
  for (size_t index = position; index < position + width; ++index) {
    if (std::isdigit(static_cast<unsigned char>(text[index])) == 0) {
      return false;
    }
    value = value * 10 + (text[index] - '0');
  }
  return true;
}

}  // namespace

std::optional<int64_t> ParseInteger(const std::string& text) {
  int64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') {
    ++begin;
  }
  const auto result = std::from_chars(begin, end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end) {
    return std::nullopt;
  }
  return value;
}

std::optional<uint64_t> ParseUnsigned(const std::string& text) {
  uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseNumber(const std::string& text) {
  // strtod, not from_chars: libstdc++ before 11 has no floating-point from_chars.
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    return std::nullopt;
  }
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ParseStartTime(const std::string& text) {
  if (const std::optional<int64_t> epoch_ms = ParseInteger(text)) {
    return epoch_ms;
  }
  // YYYY-MM-DDTHH:MM:SS[.sss]Z
  int64_t year = 0;
  int64_t month = 0;
  int64_t day = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t millisecond = 0;
  if (text.size() < 20 || !ReadDigits(text, 0, 4, year) || text[4] != '-' ||
      !ReadDigits(text, 5, 2, month) || text[7] != '-' || !ReadDigits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != ' ') || !ReadDigits(text, 11, 2, hour) || text[13] != ':' ||
      !ReadDigits(text, 14, 2, minute) || text[16] != ':' || !ReadDigits(text, 17, 2, second)) {
    return std::nullopt;
  }
  size_t position = 19;
  if (text[position] == '.') {
    if (!ReadDigits(text, position + 1, 3, millisecond)) {
      return std::nullopt;
    }
    position += 4;
  }
  if (position + 1 != text.size() || text[position] != 'Z' || month < 1 || month > 12 || day < 1 ||
      day > 31 || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  const int64_t days = DaysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000 + millisecond;
}

std::vector<std::string> JoinNegativeValues(const std::vector<std::string>& arguments) {
  std::vector<std::string> joined;
  for (size_t index = 0; index < arguments.size(); ++index) {
    const std::string& argument = arguments[index];
    if (argument.starts_with("--") && argument.find('=') == std::string::npos &&
        index + 1 < arguments.size() && arguments[index + 1].size() > 1 &&
        arguments[index + 1][0] == '-' &&
        (std::isdigit(static_cast<unsigned char>(arguments[index + 1][1])) != 0 ||
         arguments[index + 1][1] == '.')) {
      joined.push_back(argument + "=" + arguments[index + 1]);
      ++index;
    } else {
      joined.push_back(argument);
    }
  }
  return joined;
}

}  // namespace fluxo::cli::datagen
