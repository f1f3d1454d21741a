#include "cli/datagen/record_formatter.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <string_view>

namespace fluxo::cli::datagen {
namespace {

void AppendInteger(int64_t number, std::string& out) {
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), result.ptr);
}

/// Appends hundredths as a decimal with two fraction digits: 1234 -> "12.34", -5 -> "-0.05".
void AppendDecimal(int64_t hundredths, std::string& out) {
  if (hundredths < 0) {
    out += '-';
  }
  // Unsigned, so that the most negative value has a magnitude too.
  const uint64_t magnitude =
      hundredths < 0 ? 0 - static_cast<uint64_t>(hundredths) : static_cast<uint64_t>(hundredths);
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), magnitude / 100);
  out.append(digits.data(), result.ptr);
  out += '.';
  out += static_cast<char>('0' + magnitude % 100 / 10);
  out += static_cast<char>('0' + magnitude % 10);
}

void AppendJsonString(std::string_view text, std::string& out) {
  out += '"';
  for (const char character : text) {
    switch (character) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(character) < 0x20) {
          constexpr std::string_view kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(character) >> 4];
          out += kHex[static_cast<unsigned char>(character) & 0xf];
        } else {
          out += character;
        }
    }
  }
  out += '"';
}

void AppendDelimitedString(std::string_view text, std::string& out) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char character : text) {
    if (character == '"') {
      out += '"';
    }
    out += character;
  }
  out += '"';
}

void AppendValue(ValueFormat format,
                 ColumnKind kind,
                 const DatagenValue& value,
                 int64_t timestamp,
                 std::string& out) {
  switch (kind) {
    case ColumnKind::kString:
      if (format == ValueFormat::kJson) {
        AppendJsonString(value.text, out);
      } else {
        AppendDelimitedString(value.text, out);
      }
      return;
    case ColumnKind::kInteger:
      AppendInteger(value.number, out);
      return;
    case ColumnKind::kDecimal:
      AppendDecimal(value.number, out);
      return;
    case ColumnKind::kTimestamp:
      AppendInteger(timestamp, out);
      return;
  }
}

}  // namespace

void FormatValue(ValueFormat format,
                 std::span<const DatagenColumn> columns,
                 const DatagenRecord& record,
                 std::string& out) {
  out.clear();
  if (format == ValueFormat::kJson) {
    out += '{';
  }
  for (size_t index = 0; index < columns.size(); ++index) {
    if (index > 0) {
      out += ',';
    }
    if (format == ValueFormat::kJson) {
      AppendJsonString(columns[index].name, out);
      out += ':';
    }
    AppendValue(format, columns[index].kind, record.values[index], record.timestamp, out);
  }
  if (format == ValueFormat::kJson) {
    out += '}';
  }
}

}  // namespace fluxo::cli::datagen
