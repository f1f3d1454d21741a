#include "runtime/serde/java_number_text.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace fluxo::serde {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

template <typename Integer>
std::optional<Integer> ParseJavaInteger(std::string_view text) {
  // from_chars rejects a leading '+', which Java accepts (but not "+-1" or a lone sign).
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
    if (text.empty() || text[0] == '-') {
      return std::nullopt;
    }
  }
  Integer value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

void AppendJavaDouble(double value, std::string& out) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (value == 0) {
    out += std::signbit(value) ? "-0.0" : "0.0";
    return;
  }
  // Shortest round-trip digits in the form d.ddde±x, then laid out as Java does.
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  if (std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)).find('.') ==
      std::string_view::npos) {
    // One digit: Java prints at least two, the two-digit decimal closest to the value when
    // that one reads back as the same double (Double.MIN_VALUE is 4.9E-324, not 5.0E-324).
    char closest[64];
    const auto rounded =
        std::to_chars(closest, closest + sizeof(closest), value, std::chars_format::scientific, 1);
    double reread = 0;
    std::from_chars(closest, rounded.ptr, reread);
    if (reread == value) {
      std::memcpy(buffer, closest, static_cast<size_t>(rounded.ptr - closest));
      result.ptr = buffer + (rounded.ptr - closest);
    }
  }
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  const size_t exponent_at = text.find('e');
  size_t position = 0;
  if (text[0] == '-') {
    out.push_back('-');
    position = 1;
  }
  char digits[32];
  size_t digit_count = 0;
  for (size_t i = position; i < exponent_at; ++i) {
    if (IsDigit(text[i])) {
      digits[digit_count++] = text[i];
    }
  }
  while (digit_count > 1 && digits[digit_count - 1] == '0') {
    --digit_count;
  }
  int exponent = 0;
  const char* exponent_text = text.data() + exponent_at + 1;
  if (*exponent_text == '+') {
    ++exponent_text;
  }
  std::from_chars(exponent_text, text.data() + text.size(), exponent);

  const double magnitude = std::fabs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const auto integer_digits = static_cast<size_t>(exponent) + 1;
      for (size_t i = 0; i < integer_digits; ++i) {
        out.push_back(i < digit_count ? digits[i] : '0');
      }
      out.push_back('.');
      if (digit_count > integer_digits) {
        out.append(digits + integer_digits, digit_count - integer_digits);
      } else {
        out.push_back('0');
      }
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out.append(digits, digit_count);
    }
    return;
  }
  out.push_back(digits[0]);
  out.push_back('.');
  if (digit_count > 1) {
    out.append(digits + 1, digit_count - 1);
  } else {
    out.push_back('0');
  }
  out.push_back('E');
  out += std::to_string(exponent);
}

std::optional<int32_t> ParseJavaInt(std::string_view text) {
  return ParseJavaInteger<int32_t>(text);
}

std::optional<int64_t> ParseJavaLong(std::string_view text) {
  return ParseJavaInteger<int64_t>(text);
}

std::optional<double> ParseJavaDouble(std::string_view text) {
  // String.trim(): Java drops every character up to and including the space.
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') {
    text.remove_suffix(1);
  }
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "NaN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (text == "Infinity") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (!text.empty() &&
      (text.back() == 'f' || text.back() == 'F' || text.back() == 'd' || text.back() == 'D')) {
    text.remove_suffix(1);
  }
  // Check the grammar here: from_chars alone would also accept "inf", "nan" and hex forms.
  size_t position = 0;
  size_t digit_count = 0;
  while (position < text.size() && IsDigit(text[position])) {
    ++position;
    ++digit_count;
  }
  if (position < text.size() && text[position] == '.') {
    ++position;
    while (position < text.size() && IsDigit(text[position])) {
      ++position;
      ++digit_count;
    }
  }
  if (digit_count == 0) {
    return std::nullopt;
  }
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
      ++position;
    }
    const size_t exponent_start = position;
    while (position < text.size() && IsDigit(text[position])) {
      ++position;
    }
    if (position == exponent_start) {
      return std::nullopt;
    }
  }
  if (position != text.size()) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    // Overflow gives infinity and underflow zero, as in Java; strtod (in the "C" locale)
    // reports exactly those.
    value = std::strtod(std::string(text).c_str(), nullptr);
  } else if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

bool ParseJavaBoolean(std::string_view text) {
  if (text.size() != 4) {
    return false;
  }
  const std::string_view expected = "true";
  for (size_t i = 0; i < 4; ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
    if (c != expected[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace fluxo::serde
