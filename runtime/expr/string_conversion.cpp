#include "runtime/expr/string_conversion.h"

#include <charconv>
#include <limits>

#include "runtime/core/utf8.h"
#include "runtime/expr/decimal_text.h"

namespace fluxo::expr {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsPrefixIgnoringCase(std::string_view text, std::string_view word) {
  if (text.empty() || text.size() > word.size()) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (LowerAscii(text[i]) != word[i]) {
      return false;
    }
  }
  return true;
}

template <typename Integer>
std::optional<Integer> ParseJavaInteger(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return std::nullopt;
  }
  // Accumulate negatively so that the minimum value parses without overflow.
  Integer value = 0;
  for (char c : text) {
    if (!IsDigit(c) || __builtin_mul_overflow(value, Integer{10}, &value) ||
        __builtin_sub_overflow(value, static_cast<Integer>(c - '0'), &value)) {
      return std::nullopt;
    }
  }
  if (!negative) {
    if (value == std::numeric_limits<Integer>::min()) {
      return std::nullopt;
    }
    value = -value;
  }
  return value;
}

int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (IsDigit(c)) {
    return c - '0' + 52;
  }
  if (c == '+') {
    return 62;
  }
  return c == '/' ? 63 : -1;
}

// Orders code points as their UTF-16 forms order: supplementary characters (high surrogate
// first unit) sort before U+E000..U+FFFF.
uint32_t Utf16OrderKey(char32_t code_point) {
  return code_point >= 0xE000 && code_point <= 0xFFFF ? code_point + 0x200000 : code_point;
}

}  // namespace

std::string_view TrimJava(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<int32_t> ParseJavaInt(std::string_view text) {
  return ParseJavaInteger<int32_t>(text);
}

std::optional<int64_t> ParseJavaLong(std::string_view text) {
  return ParseJavaInteger<int64_t>(text);
}

std::optional<double> ParseJavaDouble(std::string_view text) {
  text = TrimJava(text);
  if (!text.empty() &&
      (text.back() == 'd' || text.back() == 'D' || text.back() == 'f' || text.back() == 'F')) {
    text.remove_suffix(1);
  }
  // Only the decimal syntax; ParseDecimalDigits accepts exactly Java's digits, point and
  // exponent (NaN, Infinity and hexadecimal are rejected there).
  const std::optional<DecimalDigits> digits = ParseDecimalDigits(text);
  if (!digits.has_value()) {
    return std::nullopt;
  }
  std::string_view number = text;
  if (number[0] == '+') {
    number.remove_prefix(1);  // std::from_chars takes no '+'.
  }
  double value = 0;
  const auto result = std::from_chars(number.data(), number.data() + number.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    // Overflow gives an infinity and underflow a zero, as in Java.
    const bool huge = digits->exponent + static_cast<int64_t>(digits->digits.size()) > 0;
    value = huge ? std::numeric_limits<double>::infinity() : 0.0;
    value = digits->negative ? -value : value;
  }
  return value;
}

bool ParseSqlBoolean(std::string_view text) {
  return IsPrefixIgnoringCase(text, "true") || IsPrefixIgnoringCase(text, "yes");
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  size_t data_length = text.size();
  size_t padding = 0;
  while (data_length > 0 && text[data_length - 1] == '=' && padding < 2) {
    --data_length;
    ++padding;
  }
  const size_t last_unit = data_length % 4;
  // A unit of one character carries too few bits; padding must complete the final unit.
  if (last_unit == 1 || (padding > 0 && last_unit + padding != 4)) {
    return std::nullopt;
  }
  std::string bytes;
  uint32_t bits = 0;
  int bit_count = 0;
  for (size_t i = 0; i < data_length; ++i) {
    const int digit = Base64Digit(text[i]);
    if (digit < 0) {
      return std::nullopt;
    }
    bits = (bits << 6) | static_cast<uint32_t>(digit);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes.push_back(static_cast<char>((bits >> bit_count) & 0xFF));
    }
  }
  return bytes;
}

int CompareJavaStrings(std::string_view left, std::string_view right) {
  size_t left_position = 0;
  size_t right_position = 0;
  while (left_position < left.size() && right_position < right.size()) {
    const Utf8Sequence l = DecodeUtf8(left, left_position);
    const Utf8Sequence r = DecodeUtf8(right, right_position);
    uint32_t left_key = static_cast<unsigned char>(left[left_position]);
    uint32_t right_key = static_cast<unsigned char>(right[right_position]);
    if (l.length > 0 && r.length > 0) {
      left_key = Utf16OrderKey(l.code_point);
      right_key = Utf16OrderKey(r.code_point);
    }
    if (left_key != right_key) {
      return left_key < right_key ? -1 : 1;
    }
    left_position += l.length > 0 && r.length > 0 ? l.length : 1;
    right_position += l.length > 0 && r.length > 0 ? r.length : 1;
  }
  const bool left_done = left_position >= left.size();
  const bool right_done = right_position >= right.size();
  return left_done == right_done ? 0 : (left_done ? -1 : 1);
}

}  // namespace fluxo::expr
