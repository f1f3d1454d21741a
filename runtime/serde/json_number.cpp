#include "runtime/serde/json_number.h"

#include <charconv>
#include <cstdlib>
#include <limits>

#include "runtime/serde/decimal_text.h"

namespace fluxo::serde {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsIntegerToken(std::string_view token) {
  for (const char c : token) {
    if (c == '.' || c == 'e' || c == 'E') {
      return false;
    }
  }
  return true;
}

/// Reads a valid JSON integer token of 1 to 18 digits (the common case) in one pass; nothing
/// for anything else, which the general path then handles.
std::optional<int64_t> SmallInteger(std::string_view token) {
  size_t position = token.empty() || token[0] != '-' ? 0 : 1;
  const size_t digits = token.size() - position;
  if (digits == 0 || digits > 18 || (token[position] == '0' && digits > 1)) {
    return std::nullopt;
  }
  int64_t value = 0;
  for (; position < token.size(); ++position) {
    const char c = token[position];
    if (!IsDigit(c)) {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return token[0] == '-' ? -value : value;
}

}  // namespace

bool IsJsonNumber(std::string_view token) {
  size_t position = 0;
  if (position < token.size() && token[position] == '-') {
    ++position;
  }
  if (position >= token.size() || !IsDigit(token[position])) {
    return false;
  }
  if (token[position] == '0') {
    ++position;
  } else {
    while (position < token.size() && IsDigit(token[position])) {
      ++position;
    }
  }
  if (position < token.size() && token[position] == '.') {
    ++position;
    const size_t start = position;
    while (position < token.size() && IsDigit(token[position])) {
      ++position;
    }
    if (position == start) {
      return false;
    }
  }
  if (position < token.size() && (token[position] == 'e' || token[position] == 'E')) {
    ++position;
    if (position < token.size() && (token[position] == '+' || token[position] == '-')) {
      ++position;
    }
    const size_t start = position;
    while (position < token.size() && IsDigit(token[position])) {
      ++position;
    }
    if (position == start) {
      return false;
    }
  }
  return position == token.size();
}

const char* JsonNumberNodeName(std::string_view token) {
  if (!IsIntegerToken(token)) {
    return "DecimalNode";
  }
  int64_t value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size()) {
    return "BigIntegerNode";
  }
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
    return "LongNode";
  }
  return "IntNode";
}

std::optional<int64_t> JsonNumberToLong(std::string_view token) {
  if (const std::optional<int64_t> value = SmallInteger(token)) {
    return value;
  }
  if (!IsJsonNumber(token)) {
    return std::nullopt;
  }
  const std::optional<DecimalText> decimal = ParseDecimalText(token, DecimalGrammar::kJson);
  // Only the low 64 bits matter, so unsigned arithmetic that wraps gives them exactly.
  uint64_t bits = 0;
  const auto length = static_cast<int64_t>(decimal->digits.size());
  const int64_t integer_digits = length - decimal->scale;
  for (int64_t i = 0; i < integer_digits && i < length; ++i) {
    bits = bits * 10 + static_cast<uint64_t>(decimal->digits[static_cast<size_t>(i)] - '0');
  }
  // Each factor of ten holds a factor of two: after 64 of them the low 64 bits are zero.
  for (int64_t i = length; i < integer_digits && i < length + 64; ++i) {
    bits *= 10;
  }
  if (decimal->negative) {
    bits = ~bits + 1;
  }
  return static_cast<int64_t>(bits);
}

std::optional<double> JsonNumberToDouble(std::string_view token) {
  if (!IsJsonNumber(token)) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error == std::errc::result_out_of_range) {
    value = std::strtod(std::string(token).c_str(), nullptr);
  }
  return value == 0 ? 0.0 : value;
}

void AppendJsonNumberText(std::string_view token, std::string& out) {
  if (IsIntegerToken(token)) {
    // Jackson prints the parsed integer: only "-0" differs from the token.
    if (token == "-0") {
      out.push_back('0');
    } else {
      out.append(token);
    }
    return;
  }
  if (const std::optional<DecimalText> decimal = ParseDecimalText(token, DecimalGrammar::kJson)) {
    AppendDecimalString(*decimal, out);
  }
}

}  // namespace fluxo::serde
