#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::serde {

// JSON text as ksqlDB's JSON serializer (Kafka Connect's JsonConverter over Jackson) writes it:
// compact, fields in schema order, NULL as null, DOUBLE as Java's Double.toString (NaN and the
// infinities as the strings "NaN", "Infinity", "-Infinity"), DECIMAL as a number with the
// value's scale (BigDecimal.toString), BYTES as Base64 strings, TIMESTAMP and TIME as
// milliseconds, DATE as days, MAP as an object, STRUCT as an object with its field names.

/// Appends `text` as a JSON string literal, escaped as Jackson does: `"` and `\` get a
/// backslash, control characters \b \t \n \f \r their short escapes and the others \u00XX
/// (upper-case hex); everything else, including non-ASCII UTF-8, is copied.
void AppendJsonString(std::string_view text, std::string& out);

/// Writes `text` as AppendJsonString does at `out`, which must have room for
/// MaxJsonStringSize(text.size()) bytes, and returns the end of what it wrote.
char* WriteJsonString(std::string_view text, char* out);

/// The most bytes WriteJsonString writes for a text of `size` bytes: quotes and \u00XX escapes.
constexpr size_t MaxJsonStringSize(size_t size) {
  return 2 + 6 * size;
}

/// Appends `value` of `type` as JSON. Throws fluxo::Error of kind kExecution for a NULL map
/// key (JSON object keys cannot be null) and kInternal when the value's storage does not match
/// the type.
void AppendJsonValue(const Value& value, const SqlType& type, std::string& out);

}  // namespace fluxo::serde
