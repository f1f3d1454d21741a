#include "runtime/serde/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "runtime/core/error.h"
#include "runtime/serde/base64.h"
#include "runtime/serde/decimal_text.h"
#include "runtime/serde/java_number_text.h"

namespace fluxo::serde {

namespace {

/// For each byte: 0 when it is copied as is, else the character after the backslash ('u' for
/// the \u00XX form).
constexpr std::array<char, 256> MakeEscapeTable() {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) {
    table[static_cast<size_t>(c)] = 'u';
  }
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}

constexpr std::array<char, 256> kEscapes = MakeEscapeTable();

/// Returns the position of the first byte at or after `position` that needs an escape, or the
/// text's size. Checks eight bytes at a time: a word has a byte below 0x20, a '"' or a '\\'
/// exactly when one of these bit tricks leaves a high bit set.
size_t FindEscape(std::string_view text, size_t position) {
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighs = 0x8080808080808080;
  for (; position + 8 <= text.size(); position += 8) {
    uint64_t word = 0;
    std::memcpy(&word, text.data() + position, sizeof(word));
    const uint64_t quotes = word ^ (kOnes * '"');
    const uint64_t backslashes = word ^ (kOnes * '\\');
    const uint64_t found = ((word - kOnes * 0x20) & ~word) | ((quotes - kOnes) & ~quotes) |
                           ((backslashes - kOnes) & ~backslashes);
    if ((found & kHighs) != 0) {
      break;
    }
  }
  for (; position < text.size(); ++position) {
    if (kEscapes[static_cast<unsigned char>(text[position])] != 0) {
      return position;
    }
  }
  return position;
}

void CheckStorage(const Value& value, Value::Storage expected, const SqlType& type) {
  FLUXO_CHECK(value.storage() == expected,
              "value " + value.DebugString() + " does not have the storage of " + type.ToString());
}

template <typename Integer>
void AppendInteger(Integer value, std::string& out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

void AppendDouble(double value, std::string& out) {
  if (!std::isfinite(value)) {
    // Jackson's QUOTE_NON_NUMERIC_NUMBERS (on by default) writes these as strings.
    out.push_back('"');
    AppendJavaDouble(value, out);
    out.push_back('"');
    return;
  }
  AppendJavaDouble(value, out);
}

}  // namespace

void AppendJsonString(std::string_view text, std::string& out) {
  out.push_back('"');
  size_t copied = 0;
  for (size_t i = FindEscape(text, 0); i < text.size(); i = FindEscape(text, i + 1)) {
    const char escape = kEscapes[static_cast<unsigned char>(text[i])];
    out.append(text.data() + copied, i - copied);
    copied = i + 1;
    out.push_back('\\');
    out.push_back(escape);
    if (escape == 'u') {
      constexpr std::string_view kHex = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(text[i]);
      out += "00";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    }
  }
  out.append(text.data() + copied, text.size() - copied);
  out.push_back('"');
}

char* WriteJsonString(std::string_view text, char* out) {
  *out++ = '"';
  size_t copied = 0;
  for (size_t i = FindEscape(text, 0); i < text.size(); i = FindEscape(text, i + 1)) {
    const char escape = kEscapes[static_cast<unsigned char>(text[i])];
    std::memcpy(out, text.data() + copied, i - copied);
    out += i - copied;
    copied = i + 1;
    *out++ = '\\';
    *out++ = escape;
    if (escape == 'u') {
      constexpr std::string_view kHex = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(text[i]);
      *out++ = '0';
      *out++ = '0';
      *out++ = kHex[byte >> 4];
      *out++ = kHex[byte & 15];
    }
  }
  std::memcpy(out, text.data() + copied, text.size() - copied);
  out += text.size() - copied;
  *out++ = '"';
  return out;
}

void AppendJsonValue(const Value& value, const SqlType& type, std::string& out) {
  if (value.IsNull()) {
    out += "null";
    return;
  }
  switch (type.kind()) {
    case TypeKind::kBoolean:
      CheckStorage(value, Value::Storage::kBoolean, type);
      out += value.AsBoolean() ? "true" : "false";
      return;
    case TypeKind::kInt:
    case TypeKind::kDate:
    case TypeKind::kTime:
      CheckStorage(value, Value::Storage::kInt32, type);
      AppendInteger(value.AsInt32(), out);
      return;
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      CheckStorage(value, Value::Storage::kInt64, type);
      AppendInteger(value.AsInt64(), out);
      return;
    case TypeKind::kDouble:
      CheckStorage(value, Value::Storage::kDouble, type);
      AppendDouble(value.AsDouble(), out);
      return;
    case TypeKind::kDecimal:
      CheckStorage(value, Value::Storage::kDecimal, type);
      AppendDecimalString(value.AsDecimal(), out);
      return;
    case TypeKind::kString:
      CheckStorage(value, Value::Storage::kBytes, type);
      AppendJsonString(value.AsString(), out);
      return;
    case TypeKind::kBytes:
      CheckStorage(value, Value::Storage::kBytes, type);
      out.push_back('"');
      AppendBase64(value.AsString(), out);
      out.push_back('"');
      return;
    case TypeKind::kArray: {
      CheckStorage(value, Value::Storage::kList, type);
      out.push_back('[');
      bool first = true;
      for (const Value& element : value.AsList()) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        AppendJsonValue(element, *type.element(), out);
      }
      out.push_back(']');
      return;
    }
    case TypeKind::kMap: {
      CheckStorage(value, Value::Storage::kPairs, type);
      out.push_back('{');
      bool first = true;
      for (const auto& [key, element] : value.AsPairs()) {
        if (key.IsNull()) {
          throw Error(ErrorKind::kExecution, "Cannot write a MAP with a NULL key as JSON");
        }
        CheckStorage(key, Value::Storage::kBytes, *type.key());
        if (!first) {
          out.push_back(',');
        }
        first = false;
        AppendJsonString(key.AsString(), out);
        out.push_back(':');
        AppendJsonValue(element, *type.element(), out);
      }
      out.push_back('}');
      return;
    }
    case TypeKind::kStruct: {
      CheckStorage(value, Value::Storage::kList, type);
      const ValueList& fields = value.AsList();
      FLUXO_CHECK(fields.size() == type.fields().size(),
                  "STRUCT value " + value.DebugString() + " does not match " + type.ToString());
      out.push_back('{');
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
          out.push_back(',');
        }
        AppendJsonString(type.fields()[i].name, out);
        out.push_back(':');
        AppendJsonValue(fields[i], *type.fields()[i].type, out);
      }
      out.push_back('}');
      return;
    }
  }
  FLUXO_CHECK(false, "unknown type " + type.ToString());
}

}  // namespace fluxo::serde
