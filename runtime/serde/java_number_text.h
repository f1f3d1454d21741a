#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fluxo::serde {

// Numbers as text, the way Java prints and parses them. ksqlDB's serdes go through Java's
// Double.toString, Integer.parseInt and friends, so these decide what bytes Fluxo writes and
// which text it accepts.

/// Appends `value` as Java's Double.toString prints it (shortest round-trip digits): "1.0",
/// "-0.0", "123.456", "0.001", "1.0E7", "1.234E-5", "NaN", "Infinity", "-Infinity".
void AppendJavaDouble(double value, std::string& out);

/// Parses `text` as Java's Integer.parseInt does: an optional sign and decimal digits, in range.
std::optional<int32_t> ParseJavaInt(std::string_view text);

/// Parses `text` as Java's Long.parseLong does.
std::optional<int64_t> ParseJavaLong(std::string_view text);

/// Parses `text` as Java's Double.parseDouble does for decimal text: surrounding whitespace
/// ignored, an optional sign, "NaN", "Infinity", or digits with an optional point and exponent
/// and an optional f/F/d/D suffix. Hexadecimal floating-point text is not accepted.
std::optional<double> ParseJavaDouble(std::string_view text);

/// Parses `text` as Java's Boolean.parseBoolean does: "true" in any case is true, anything else
/// is false.
bool ParseJavaBoolean(std::string_view text);

}  // namespace fluxo::serde
