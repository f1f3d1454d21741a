#pragma once

// The pieces JsonReader is made of, shared by json_reader.cpp and json_value_reader.cpp only:
// they use simdjson, which stays private to runtime/serde.

#include <cstdint>
#include <exception>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"
#include "runtime/serde/json_field_name_cache.h"

namespace fluxo::serde {

/// Thrown inside the JSON reader for bytes that are not one valid JSON document.
struct MalformedJson : std::exception {
  explicit MalformedJson(std::string reason_text) : reason(std::move(reason_text)) {}

  std::string reason;
};

/// Thrown inside the JSON reader for a value that does not convert (ksqlDB's
/// CoercionException). `path` grows as the failure travels up: "[2]", ".ITEMS[2]", ...
struct CoercionFailure : std::exception {
  explicit CoercionFailure(std::string message_text) : message(std::move(message_text)) {}

  std::string message;
  std::string path;
};

/// Returns the result's value, or throws MalformedJson with simdjson's reason.
template <typename T>
T TakeJson(simdjson::simdjson_result<T> result) {
  T value{};
  if (const simdjson::error_code error = std::move(result).get(value); error) {
    throw MalformedJson{simdjson::error_message(error)};
  }
  return value;
}

/// Reads `value` as a `type` value with ksqlDB's coercions (JsonReader lists them). Throws
/// MalformedJson, or CoercionFailure with the path below `value`.
Value ReadJsonValue(simdjson::ondemand::value& value, const SqlType& type);

/// Where ReadJsonFields puts the value of field i: `values[slots[i]]`, or `values[i]` when there
/// are no slots (so that a reader can fill a row's columns in place); and which fields it only
/// checks.
struct JsonFieldSlots {
  Value* values = nullptr;
  const size_t* slots = nullptr;
  /// Per field, nonzero for a field whose value is only checked, not read (left NULL).
  const uint8_t* skipped = nullptr;

  bool Skips(size_t field) const { return skipped != nullptr && skipped[field] != 0; }

  Value& operator[](size_t field) const { return values[slots != nullptr ? slots[field] : field]; }
};

/// Reads an object into the values of `fields` (field i into `out[i]`, which the caller has set
/// to NULL), matching names as JsonReader describes. `lowercase_names` tells whether a field
/// name has a lower-case letter; `cache`, when given, speeds matching up.
void ReadJsonFields(simdjson::ondemand::object object,
                    const std::vector<StructField>& fields,
                    bool lowercase_names,
                    JsonFieldSlots out,
                    JsonFieldNameCache* cache);

/// Returns true when a field name has an ASCII lower-case letter (a quoted name).
bool HasLowercaseName(const std::vector<StructField>& fields);

/// Returns true when `value` is a string without escapes that a colon does not follow: then it
/// is well-formed (stage 1 has checked its UTF-8, its closing quote and that it has no control
/// characters; only escapes can make get_string fail), and SkipJsonValue need not read it. Left
/// unread, the iteration of its object or array skips it as if it had been read; one followed
/// by a colon would be taken for a key, so SkipJsonValue reads that one and reports it.
inline bool IsPlainJsonString(simdjson::ondemand::value& value) {
  const std::string_view token = value.raw_json_token();
  // The buffer is padded, so the byte after the token (the next structural one) is readable.
  return !token.empty() && token.front() == '"' && token.data()[token.size()] != ':' &&
         token.find('\\') == std::string_view::npos;
}

/// SkipJsonValue for a value that is not a plain string: reads it (and what it holds).
void ReadToSkipJsonValue(simdjson::ondemand::value value);

/// Walks a value without converting it, so that malformed JSON is reported wherever it is; a
/// plain string (IsPlainJsonString) is left unread. Inline: most skipped values are such
/// strings, which then cost no call.
inline void SkipJsonValue(simdjson::ondemand::value value) {
  if (!IsPlainJsonString(value)) {
    ReadToSkipJsonValue(value);
  }
}

/// Throws ksqlDB's "Can't convert type" failure for `value`, of JSON type `type`.
[[noreturn]] void FailJsonConversion(simdjson::ondemand::value& value,
                                     simdjson::ondemand::json_type type,
                                     const SqlType& required);

/// Consumes a `null` literal; throws MalformedJson when the value only looked like one.
void ExpectJsonNull(simdjson::ondemand::value& value);

}  // namespace fluxo::serde
