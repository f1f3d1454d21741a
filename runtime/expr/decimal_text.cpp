#include "runtime/expr/decimal_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "runtime/expr/decimal_arithmetic.h"

namespace fluxo::expr {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Removes leading zeros; an all-zero string becomes empty (the value zero).
std::string StripLeadingZeros(const std::string& digits) {
  const size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? std::string() : digits.substr(first);
}

// Reads "[-]d.ddde[+-]xx" as printed by printf("%e") or std::to_chars(scientific).
DecimalDigits ReadScientific(std::string_view text) {
  DecimalDigits result;
  size_t position = 0;
  if (position < text.size() && text[position] == '-') {
    result.negative = true;
    ++position;
  }
  std::string digits;
  int fraction_digits = 0;
  bool in_fraction = false;
  while (position < text.size() && text[position] != 'e') {
    if (text[position] == '.') {
      in_fraction = true;
    } else {
      digits.push_back(text[position]);
      fraction_digits += in_fraction ? 1 : 0;
    }
    ++position;
  }
  int exponent = 0;
  if (position < text.size()) {
    ++position;  // 'e'
    if (text[position] == '+') {
      ++position;
    }
    std::from_chars(text.data() + position, text.data() + text.size(), exponent);
  }
  // Trailing zeros carry no value; dropping them keeps the digit strings short.
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    --fraction_digits;
  }
  result.digits = StripLeadingZeros(digits);
  result.exponent = exponent - fraction_digits;
  if (result.digits.empty()) {
    result.exponent = 0;
  }
  return result;
}

// Position of the leading digit: a value with adjusted exponent a lies in [10^a, 10^(a+1)).
int64_t AdjustedExponent(const DecimalDigits& value) {
  return value.exponent + static_cast<int64_t>(value.digits.size()) - 1;
}

// Keeps `count` significant digits, rounding half-up (MathContext(count, HALF_UP)).
DecimalDigits RoundToSignificant(const DecimalDigits& value, size_t count) {
  if (value.digits.size() <= count) {
    return value;
  }
  DecimalDigits result = value;
  const bool round_up = value.digits[count] >= '5';
  result.digits.resize(count);
  result.exponent += static_cast<int64_t>(value.digits.size() - count);
  if (round_up) {
    size_t i = count;
    while (i > 0 && result.digits[i - 1] == '9') {
      result.digits[i - 1] = '0';
      --i;
    }
    if (i == 0) {
      result.digits.insert(result.digits.begin(), '1');
    } else {
      ++result.digits[i - 1];
    }
  }
  return result;
}

// value * 10^scale rounded half-up to an integer; nothing beyond 38 digits.
std::optional<Int128> RoundToScale(const DecimalDigits& value, int scale) {
  if (value.IsZero()) {
    return Int128{0};
  }
  const int64_t shift = value.exponent + scale;
  std::string kept = value.digits;
  bool round_up = false;
  if (shift >= 0) {
    if (static_cast<int64_t>(kept.size()) + shift > SqlType::kMaxDecimalPrecision) {
      return std::nullopt;
    }
    kept.append(static_cast<size_t>(shift), '0');
  } else {
    const int64_t keep = static_cast<int64_t>(kept.size()) + shift;
    if (keep < 0) {
      return Int128{0};  // Every digit lies below half a unit: rounds to zero.
    }
    round_up = kept[static_cast<size_t>(keep)] >= '5';
    kept.resize(static_cast<size_t>(keep));
  }
  if (kept.size() > static_cast<size_t>(SqlType::kMaxDecimalPrecision)) {
    return std::nullopt;
  }
  Int128 unscaled = 0;
  for (char digit : kept) {
    unscaled = unscaled * 10 + (digit - '0');
  }
  unscaled += round_up ? 1 : 0;
  return value.negative ? -unscaled : unscaled;
}

// The shared tail of DecimalUtil.cast: the range check (ensureMax), then setScale(HALF_UP).
std::optional<DecimalValue> FitDigits(const DecimalDigits& value, int precision, int scale) {
  if (!value.IsZero() && AdjustedExponent(value) >= precision - scale) {
    return std::nullopt;
  }
  const std::optional<Int128> unscaled = RoundToScale(value, scale);
  if (!unscaled.has_value() || !FitsPrecision(*unscaled, precision)) {
    return std::nullopt;
  }
  return DecimalValue{*unscaled, scale};
}

}  // namespace

std::optional<DecimalDigits> ParseDecimalDigits(std::string_view text) {
  DecimalDigits result;
  size_t position = 0;
  if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
    result.negative = text[position] == '-';
    ++position;
  }
  std::string digits;
  int64_t fraction_digits = 0;
  bool seen_point = false;
  for (; position < text.size(); ++position) {
    const char c = text[position];
    if (IsDigit(c)) {
      digits.push_back(c);
      fraction_digits += seen_point ? 1 : 0;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits.empty()) {
    return std::nullopt;
  }
  int64_t exponent = 0;
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    bool negative_exponent = false;
    if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
      negative_exponent = text[position] == '-';
      ++position;
    }
    if (position == text.size()) {
      return std::nullopt;
    }
    for (; position < text.size() && IsDigit(text[position]); ++position) {
      exponent = exponent * 10 + (text[position] - '0');
      if (exponent > std::numeric_limits<int32_t>::max()) {
        return std::nullopt;  // BigDecimal's exponent is an int.
      }
    }
    exponent = negative_exponent ? -exponent : exponent;
  }
  if (position != text.size()) {
    return std::nullopt;
  }
  result.digits = StripLeadingZeros(digits);
  result.exponent = result.digits.empty() ? 0 : exponent - fraction_digits;
  return result;
}

DecimalDigits ExactDigitsOfDouble(double value) {
  // A double has at most 767 significant decimal digits, and glibc prints them exactly.
  char buffer[900];
  std::snprintf(buffer, sizeof(buffer), "%.800e", value);
  return ReadScientific(buffer);
}

DecimalDigits ShortestDigitsOfDouble(double value) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  DecimalDigits shortest =
      ReadScientific(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)));
  if (shortest.digits.size() == 1) {
    // Java (JDK 19 and later) looks at two-digit decimals too when one digit is enough, and
    // takes the one closest to the value: Double.MIN_VALUE is "4.9E-324", not "5.0E-324".
    char two_digits[32];
    std::snprintf(two_digits, sizeof(two_digits), "%.1e", value);
    double round_trip = 0;
    const std::string_view text(two_digits);
    std::from_chars(text.data(), text.data() + text.size(), round_trip);
    if (round_trip == value) {
      return ReadScientific(text);
    }
  }
  return shortest;
}

int CompareDecimalDigits(const DecimalDigits& left, const DecimalDigits& right) {
  const int left_sign = left.IsZero() ? 0 : (left.negative ? -1 : 1);
  const int right_sign = right.IsZero() ? 0 : (right.negative ? -1 : 1);
  if (left_sign != right_sign || left_sign == 0) {
    return left_sign < right_sign ? -1 : (left_sign > right_sign ? 1 : 0);
  }
  int order = 0;
  const int64_t left_adjusted = AdjustedExponent(left);
  const int64_t right_adjusted = AdjustedExponent(right);
  if (left_adjusted != right_adjusted) {
    order = left_adjusted < right_adjusted ? -1 : 1;
  } else {
    // Same leading position: compare digit by digit, a missing digit counting as zero.
    const size_t length = std::max(left.digits.size(), right.digits.size());
    for (size_t i = 0; i < length && order == 0; ++i) {
      const char l = i < left.digits.size() ? left.digits[i] : '0';
      const char r = i < right.digits.size() ? right.digits[i] : '0';
      order = l < r ? -1 : (l > r ? 1 : 0);
    }
  }
  return left_sign > 0 ? order : -order;
}

std::optional<DecimalValue> DecimalFromText(std::string_view text, int precision, int scale) {
  const std::optional<DecimalDigits> digits = ParseDecimalDigits(text);
  if (!digits.has_value()) {
    return std::nullopt;
  }
  return FitDigits(*digits, precision, scale);
}

std::optional<DecimalValue> DecimalFromDouble(double value, int precision, int scale) {
  if (!std::isfinite(value)) {
    return std::nullopt;
  }
  return FitDigits(RoundToSignificant(ExactDigitsOfDouble(value), static_cast<size_t>(precision)),
                   precision,
                   scale);
}

std::string DecimalToPlainString(const DecimalValue& value) {
  std::string digits = Int128ToString(value.unscaled < 0 ? -value.unscaled : value.unscaled);
  std::string text = value.unscaled < 0 ? "-" : "";
  if (value.scale <= 0) {
    return text + digits + std::string(static_cast<size_t>(-value.scale), '0');
  }
  const auto scale = static_cast<size_t>(value.scale);
  if (digits.size() <= scale) {
    digits.insert(0, scale - digits.size() + 1, '0');
  }
  return text + digits.substr(0, digits.size() - scale) + "." +
         digits.substr(digits.size() - scale);
}

std::string DecimalToJavaString(const DecimalValue& value) {
  const std::string digits = Int128ToString(value.unscaled < 0 ? -value.unscaled : value.unscaled);
  const int64_t adjusted =
      -static_cast<int64_t>(value.scale) + static_cast<int64_t>(digits.size()) - 1;
  if (value.scale >= 0 && adjusted >= -6) {
    return DecimalToPlainString(value);
  }
  std::string text = value.unscaled < 0 ? "-" : "";
  text += digits.substr(0, 1);
  if (digits.size() > 1) {
    text += "." + digits.substr(1);
  }
  return text + "E" + (adjusted > 0 ? "+" : "") + std::to_string(adjusted);
}

}  // namespace fluxo::expr
