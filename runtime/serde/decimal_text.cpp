#include "runtime/serde/decimal_text.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>

#include "runtime/core/error.h"

namespace fluxo::serde {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

void AppendPlain(const DecimalText& decimal, std::string& out) {
  const bool zero = decimal.digits == "0";
  if (decimal.negative && !zero) {
    out.push_back('-');
  }
  const auto length = static_cast<int64_t>(decimal.digits.size());
  if (decimal.scale <= 0) {
    out += decimal.digits;
    if (!zero) {
      out.append(static_cast<size_t>(-decimal.scale), '0');
    }
  } else if (length > decimal.scale) {
    const auto integer_digits = static_cast<size_t>(length - decimal.scale);
    out.append(decimal.digits, 0, integer_digits);
    out.push_back('.');
    out.append(decimal.digits, integer_digits);
  } else {
    out += "0.";
    out.append(static_cast<size_t>(decimal.scale - length), '0');
    out += decimal.digits;
  }
}

std::string PlainString(const DecimalText& decimal) {
  std::string text;
  AppendPlain(decimal, text);
  return text;
}

}  // namespace

std::optional<DecimalText> ParseDecimalText(std::string_view text, DecimalGrammar grammar) {
  const bool json = grammar == DecimalGrammar::kJson;
  size_t position = 0;
  DecimalText result;
  if (position < text.size() && (text[position] == '-' || (!json && text[position] == '+'))) {
    result.negative = text[position] == '-';
    ++position;
  }
  const size_t integer_start = position;
  while (position < text.size() && IsDigit(text[position])) {
    ++position;
  }
  const size_t integer_length = position - integer_start;
  size_t fraction_start = position;
  size_t fraction_length = 0;
  bool has_point = false;
  if (position < text.size() && text[position] == '.') {
    has_point = true;
    fraction_start = ++position;
    while (position < text.size() && IsDigit(text[position])) {
      ++position;
    }
    fraction_length = position - fraction_start;
  }
  if (integer_length + fraction_length == 0) {
    return std::nullopt;
  }
  if (json && (integer_length == 0 || (integer_length > 1 && text[integer_start] == '0') ||
               (has_point && fraction_length == 0))) {
    return std::nullopt;
  }
  int64_t exponent = 0;
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    bool exponent_negative = false;
    if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
      exponent_negative = text[position] == '-';
      ++position;
    }
    const size_t exponent_start = position;
    while (position < text.size() && IsDigit(text[position])) {
      // Java rejects exponents beyond int range anyway; stop growing long before overflow.
      if (exponent < (int64_t{1} << 40)) {
        exponent = exponent * 10 + (text[position] - '0');
      }
      ++position;
    }
    if (position == exponent_start) {
      return std::nullopt;
    }
    exponent = exponent_negative ? -exponent : exponent;
  }
  if (position != text.size()) {
    return std::nullopt;
  }
  result.digits.clear();
  result.digits.reserve(integer_length + fraction_length);
  auto append_digits = [&](size_t start, size_t length) {
    for (size_t i = start; i < start + length; ++i) {
      if (!result.digits.empty() || text[i] != '0') {
        result.digits.push_back(text[i]);
      }
    }
  };
  append_digits(integer_start, integer_length);
  append_digits(fraction_start, fraction_length);
  if (result.digits.empty()) {
    result.digits = "0";
  }
  result.scale = static_cast<int64_t>(fraction_length) - exponent;
  if (result.scale > std::numeric_limits<int32_t>::max() ||
      result.scale < std::numeric_limits<int32_t>::min()) {
    return std::nullopt;  // BigDecimal's scale is an int.
  }
  return result;
}

DecimalValue FitDecimal(const DecimalText& decimal, int precision, int scale, DecimalScale rule) {
  const bool zero = decimal.digits == "0";
  const auto length = static_cast<int64_t>(decimal.digits.size());
  // DecimalUtil.ensureMax: the absolute value must be below 10^(precision - scale).
  if (!zero && length - 1 - decimal.scale >= precision - scale) {
    throw Error(ErrorKind::kExecution,
                "Numeric field overflow: A field with precision " + std::to_string(precision) +
                    " and scale " + std::to_string(scale) +
                    " must round to an absolute value less than 10^" +
                    std::to_string(precision - scale) + ". Got " + PlainString(decimal));
  }
  // BigDecimal.setScale(scale, UNNECESSARY): only zeros may be dropped.
  if (!zero && decimal.scale > scale) {
    const int64_t dropped = decimal.scale - scale;
    const bool exact = dropped < length && std::all_of(decimal.digits.end() - dropped,
                                                       decimal.digits.end(),
                                                       [](char c) { return c == '0'; });
    if (!exact) {
      throw Error(ErrorKind::kExecution,
                  "Cannot fit decimal '" + PlainString(decimal) + "' into DECIMAL(" +
                      std::to_string(precision) + ", " + std::to_string(scale) +
                      ") without rounding. (Requires " + std::to_string(length) + "," +
                      std::to_string(decimal.scale) + ")");
    }
  }
  const int64_t target =
      rule == DecimalScale::kColumn ? scale : std::clamp<int64_t>(decimal.scale, 0, scale);
  Int128 unscaled = 0;
  if (!zero) {
    // The checks above bound the result to `precision` (at most 38) digits.
    const int64_t shift = target - decimal.scale;
    const int64_t kept = shift >= 0 ? length : length + shift;
    for (int64_t i = 0; i < kept; ++i) {
      unscaled = unscaled * 10 + (decimal.digits[static_cast<size_t>(i)] - '0');
    }
    for (int64_t i = 0; i < shift; ++i) {
      unscaled *= 10;
    }
  }
  return DecimalValue{decimal.negative ? -unscaled : unscaled, static_cast<int32_t>(target)};
}

void AppendDecimalString(const DecimalText& decimal, std::string& out) {
  const auto length = static_cast<int64_t>(decimal.digits.size());
  const int64_t adjusted = length - 1 - decimal.scale;
  if (decimal.scale >= 0 && adjusted >= -6) {
    AppendPlain(decimal, out);
    return;
  }
  if (decimal.negative && decimal.digits != "0") {
    out.push_back('-');
  }
  out.push_back(decimal.digits[0]);
  if (length > 1) {
    out.push_back('.');
    out.append(decimal.digits, 1);
  }
  out.push_back('E');
  if (adjusted >= 0) {
    out.push_back('+');
  }
  out += std::to_string(adjusted);
}

DecimalText ToDecimalText(const DecimalValue& value) {
  DecimalText text;
  text.negative = value.unscaled < 0;
  text.scale = value.scale;
  Int128 remaining = value.unscaled;
  if (remaining == 0) {
    return text;
  }
  text.digits.clear();
  while (remaining != 0) {
    const int digit = static_cast<int>(remaining % 10);
    text.digits.push_back(static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    remaining /= 10;
  }
  std::reverse(text.digits.begin(), text.digits.end());
  return text;
}

char* WriteShortDecimalString(const DecimalValue& value, char* out) {
  // Without 128-bit division: an unscaled value that fits 64 bits, written plain (scale >= 0
  // and an adjusted exponent >= -6, as in AppendDecimalString above).
  constexpr Int128 kLimit = std::numeric_limits<int64_t>::max();
  if (value.scale < 0 || value.unscaled > kLimit || value.unscaled < -kLimit) {
    return nullptr;
  }
  const auto magnitude =
      static_cast<uint64_t>(value.unscaled < 0 ? -value.unscaled : value.unscaled);
  char digits[24];
  const auto length =
      static_cast<int64_t>(std::to_chars(digits, digits + sizeof(digits), magnitude).ptr - digits);
  if (length - 1 - value.scale < -6) {
    return nullptr;
  }
  if (value.unscaled < 0) {
    *out++ = '-';
  }
  if (value.scale == 0) {
    std::memcpy(out, digits, static_cast<size_t>(length));
    return out + length;
  }
  if (length > value.scale) {
    const auto integer_digits = static_cast<size_t>(length - value.scale);
    std::memcpy(out, digits, integer_digits);
    out += integer_digits;
    *out++ = '.';
    std::memcpy(out, digits + integer_digits, static_cast<size_t>(value.scale));
    return out + value.scale;
  }
  *out++ = '0';
  *out++ = '.';
  const auto zeros = static_cast<size_t>(value.scale - length);
  std::memset(out, '0', zeros);
  out += zeros;
  std::memcpy(out, digits, static_cast<size_t>(length));
  return out + length;
}

void AppendDecimalString(const DecimalValue& value, std::string& out) {
  char text[kMaxShortDecimalString];
  if (const char* end = WriteShortDecimalString(value, text)) {
    out.append(text, static_cast<size_t>(end - text));
    return;
  }
  AppendDecimalString(ToDecimalText(value), out);
}

void AppendPlainDecimalString(const DecimalValue& value, std::string& out) {
  AppendPlain(ToDecimalText(value), out);
}

}  // namespace fluxo::serde
