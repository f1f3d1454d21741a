#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fluxo::expr {

/// Conversions from STRING that CAST performs, each matching the Java call ksqlDB's generated
/// code makes (CastEvaluator), and Java's String ordering. Each parser returns nothing where
/// Java throws; the caller trims first where ksqlDB does.

/// Removes leading and trailing characters up to U+0020 (spaces and control characters), as
/// Java's String.trim does.
std::string_view TrimJava(std::string_view text);

/// Integer.parseInt: an optional sign and decimal digits, in range.
std::optional<int32_t> ParseJavaInt(std::string_view text);

/// Long.parseLong: an optional sign and decimal digits, in range.
std::optional<int64_t> ParseJavaLong(std::string_view text);

/// Parses a double as ksqlDB's SqlDoubles.parseDouble: Java's decimal floating-point syntax
/// ("1", "-1.5e3", ".5", "1.", "2d", "3F"), correctly rounded; too large a value becomes an
/// infinity, too small a zero. "NaN", "Infinity" and hexadecimal forms give nothing.
std::optional<double> ParseJavaDouble(std::string_view text);

/// SqlBooleans.parseBoolean: true when the text is a non-empty, case-insensitive prefix of
/// "true" or "yes" ("t", "Y", "tRu"); false for anything else, never an error.
bool ParseSqlBoolean(std::string_view text);

/// Decodes standard Base64 as java.util.Base64.getDecoder does; the '=' padding is optional,
/// but when present it must be complete.
std::optional<std::string> DecodeBase64(std::string_view text);

/// Compares two UTF-8 strings as Java's String.compareTo compares their UTF-16 forms (code
/// units, so a supplementary character sorts before U+E000..U+FFFF): negative, zero or
/// positive. Bytes that are not valid UTF-8 are compared as they are.
int CompareJavaStrings(std::string_view left, std::string_view right);

}  // namespace fluxo::expr
