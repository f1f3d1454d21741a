#include "cli/shell/record_format_guess.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runtime/core/utf8.h"
#include "runtime/expr/value_text.h"

namespace fluxo::cli::shell {
namespace {

constexpr PrintFormat kPreferenceOrder[] = {PrintFormat::kJson,
                                            PrintFormat::kKafkaString,
                                            PrintFormat::kKafkaInt,
                                            PrintFormat::kKafkaBigint,
                                            PrintFormat::kKafkaDouble,
                                            PrintFormat::kBytes};

uint32_t Bit(PrintFormat format) {
  return 1U << static_cast<uint32_t>(format);
}

/// Kafka's integer serializers write big-endian two's complement.
uint64_t BigEndian(const std::string& payload) {
  uint64_t bits = 0;
  for (const char byte : payload) {
    bits = (bits << 8) | static_cast<unsigned char>(byte);
  }
  return bits;
}

/// Valid UTF-8 without control characters other than tab and line breaks.
bool IsPrintableText(const std::string& payload) {
  for (size_t pos = 0; pos < payload.size();) {
    const Utf8Sequence sequence = DecodeUtf8(payload, pos);
    if (sequence.length == 0) {
      return false;
    }
    const char32_t c = sequence.code_point;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return false;
    }
    pos += sequence.length;
  }
  return true;
}

bool IsJsonDocument(const std::string& payload) {
  const size_t first = payload.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (payload[first] != '{' && payload[first] != '[')) {
    return false;
  }
  return nlohmann::json::accept(payload);
}

double AsDouble(const std::string& payload) {
  return std::bit_cast<double>(BigEndian(payload));
}

PrintFormat Preferred(uint32_t candidates) {
  for (const PrintFormat format : kPreferenceOrder) {
    if ((candidates & Bit(format)) != 0) {
      return format;
    }
  }
  return PrintFormat::kBytes;
}

}  // namespace

const char* PrintFormatName(PrintFormat format) {
  switch (format) {
    case PrintFormat::kJson:
      return "JSON";
    case PrintFormat::kKafkaString:
      return "KAFKA_STRING";
    case PrintFormat::kKafkaInt:
      return "KAFKA_INT";
    case PrintFormat::kKafkaBigint:
      return "KAFKA_BIGINT";
    case PrintFormat::kKafkaDouble:
      return "KAFKA_DOUBLE";
    case PrintFormat::kBytes:
      return "BYTES";
  }
  return "BYTES";
}

uint32_t FormatsFitting(const std::string& payload) {
  uint32_t formats = Bit(PrintFormat::kBytes);
  if (IsPrintableText(payload)) {
    formats |= Bit(PrintFormat::kKafkaString);
    if (IsJsonDocument(payload)) {
      formats |= Bit(PrintFormat::kJson);
    }
  }
  if (payload.size() == 4) {
    formats |= Bit(PrintFormat::kKafkaInt);
  }
  if (payload.size() == 8) {
    const auto as_integer = static_cast<int64_t>(BigEndian(payload));
    const double as_double = AsDouble(payload);
    const bool plausible_double = std::isnormal(as_double) || (as_double == 0.0 && as_integer == 0);
    // A double's bits read as an integer are huge; small integers read as doubles are
    // subnormal. Keep BIGINT unless the bits only make sense as a double.
    constexpr int64_t kExactDoubleRange = int64_t{1} << 53;
    if (!plausible_double || (as_integer > -kExactDoubleRange && as_integer < kExactDoubleRange)) {
      formats |= Bit(PrintFormat::kKafkaBigint);
    }
    if (plausible_double) {
      formats |= Bit(PrintFormat::kKafkaDouble);
    }
  }
  return formats;
}

std::string RenderAs(const std::string& payload, PrintFormat format) {
  switch (format) {
    case PrintFormat::kJson:
    case PrintFormat::kKafkaString:
      return payload;
    case PrintFormat::kKafkaInt:
      return std::to_string(static_cast<int32_t>(static_cast<uint32_t>(BigEndian(payload))));
    case PrintFormat::kKafkaBigint:
      return std::to_string(static_cast<int64_t>(BigEndian(payload)));
    case PrintFormat::kKafkaDouble:
      return expr::FormatJavaDouble(AsDouble(payload));
    case PrintFormat::kBytes:
      break;
  }
  constexpr std::string_view kHexDigits = "0123456789abcdef";
  std::string hex = "0x";
  for (const char byte : payload) {
    hex += kHexDigits[static_cast<unsigned char>(byte) >> 4];
    hex += kHexDigits[static_cast<unsigned char>(byte) & 0xF];
  }
  return hex;
}

std::string FormatGuesser::Render(const std::optional<std::string>& payload) {
  if (!payload.has_value()) {
    return "<null>";
  }
  const uint32_t fitting = FormatsFitting(*payload);
  const uint32_t narrowed = candidates_ == 0 ? fitting : candidates_ & fitting;
  // BYTES fits everything, so only a disagreement on every other format starts over.
  candidates_ = narrowed == Bit(PrintFormat::kBytes) && fitting != narrowed ? fitting : narrowed;
  return RenderAs(*payload, Preferred(candidates_));
}

std::string FormatGuesser::Description() const {
  if (candidates_ == 0) {
    return "unknown (no data)";
  }
  std::string description;
  for (const PrintFormat format : kPreferenceOrder) {
    // BYTES is named only when nothing else fits.
    if ((candidates_ & Bit(format)) != 0 &&
        (format != PrintFormat::kBytes || std::popcount(candidates_) == 1)) {
      description += description.empty() ? "" : " or ";
      description += PrintFormatName(format);
    }
  }
  return description;
}

}  // namespace fluxo::cli::shell
