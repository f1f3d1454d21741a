#include "runtime/core/value.h"

#include <charconv>

namespace fluxo {

namespace {

std::string Int128ToString(Int128 value) {
  if (value == 0) {
    return "0";
  }
  const bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    const int digit = static_cast<int>(value % 10);
    digits.push_back(static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  if (negative) {
    digits.push_back('-');
  }
  return {digits.rbegin(), digits.rend()};
}

}  // namespace

bool Value::operator==(const Value& other) const {
  if (data_.index() != other.data_.index()) {
    return false;
  }
  switch (storage()) {
    case Storage::kList:
      return AsList() == other.AsList();
    case Storage::kPairs:
      return AsPairs() == other.AsPairs();
    default:
      return data_ == other.data_;
  }
}

std::string Value::DebugString() const {
  switch (storage()) {
    case Storage::kNull:
      return "NULL";
    case Storage::kBoolean:
      return AsBoolean() ? "true" : "false";
    case Storage::kInt32:
      return std::to_string(AsInt32());
    case Storage::kInt64:
      return std::to_string(AsInt64());
    case Storage::kDouble: {
      char buffer[32];
      auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), AsDouble());
      return error == std::errc() ? std::string(buffer, end) : "?";
    }
    case Storage::kDecimal:
      return Int128ToString(AsDecimal().unscaled) + "e-" + std::to_string(AsDecimal().scale);
    case Storage::kBytes:
      return "'" + AsString() + "'";
    case Storage::kList: {
      std::string text = "[";
      for (size_t i = 0; i < AsList().size(); ++i) {
        text += (i > 0 ? ", " : "") + AsList()[i].DebugString();
      }
      return text + "]";
    }
    case Storage::kPairs: {
      std::string text = "{";
      for (size_t i = 0; i < AsPairs().size(); ++i) {
        text += (i > 0 ? ", " : "") + AsPairs()[i].first.DebugString() + ": " +
                AsPairs()[i].second.DebugString();
      }
      return text + "}";
    }
  }
  return "?";
}

}  // namespace fluxo
