#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/catalog/source_description.h"
#include "runtime/core/format_spec.h"
#include "runtime/core/logical_schema.h"
#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"
#include "runtime/testing/qtt_case.h"
#include "runtime/topic/topic_client.h"

/// Case JSON to record bytes and back (FORMAT.md §5). Inputs are written the way upstream's
/// harness writes them: JSON and DELIMITED text verbatim (so that the engine's own readers,
/// with their case-insensitive field names and type coercions, are what the case tests), KAFKA
/// through the engine's serde after converting the JSON to the column's type. Outputs are read
/// back into JSON: JSON bytes parsed exactly, DELIMITED lines kept as text, KAFKA through the
/// serde; windowed keys are split into the inner key and the window (§5.2).
namespace fluxo::qtt {

/// How the records of one topic are laid out: the columns of the key and the value, their
/// formats and the key's window, taken from the source registered on the topic.
struct RecordLayout {
  std::string source_name;
  std::vector<Column> key_columns;
  std::vector<Column> value_columns;
  FormatSpec key_format;
  FormatSpec value_format;
  std::optional<planner::WindowInfo> window;
};

/// Returns the layout of `source`'s records.
RecordLayout LayoutOf(const planner::SourceDescription& source);

/// Converts case JSON into a value of `type`, reading it the way ksqlDB's JSON serde does
/// (numbers in strings, scalars into STRING, base64 BYTES, case-insensitive STRUCT fields);
/// decimals keep their exact digits. JSON null gives SQL NULL. Throws std::invalid_argument
/// naming the type when the JSON does not fit.
Value JsonToValue(const Json& json, const SqlType& type);

/// Converts a value of `type` into case JSON: DOUBLE as Java prints it and DECIMAL as
/// BigDecimal does (both exact numbers), BYTES as base64, STRUCT and MAP as objects.
Json ValueToJson(const Value& value, const SqlType& type);

/// Turns an input record into the record to produce on its topic, using `layout` (nothing when
/// no source is registered on the topic: strings are written as their UTF-8 bytes and other
/// JSON as JSON text). A missing timestamp is 0. Throws std::invalid_argument when the key or
/// value cannot be written in the layout's format.
runtime::TopicRecord EncodeInput(const QttRecord& record, const RecordLayout* layout);

/// One side (key or value) of an actual record, read back for comparison.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move looks throwing to tidy.
struct DecodedSide {
  Json json;        ///< The side as case JSON; null for a Kafka null.
  SqlTypePtr type;  ///< Type hint: the column's type, or a STRUCT of the columns; may be null.
  bool delimited = false;                ///< `json` is the string of a DELIMITED line.
  char delimiter = ',';                  ///< DELIMITED only.
  std::vector<SqlTypePtr> column_types;  ///< DELIMITED only: the type of each field.
  std::string error;                     ///< Why the bytes could not be read; empty if read.
};

/// An actual output record, read back.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move looks throwing to tidy.
struct ActualRecord {
  DecodedSide key;
  DecodedSide value;
  std::optional<QttWindow> window;  ///< Set when the layout's key is windowed.
  int64_t timestamp = 0;
  std::vector<runtime::RecordHeader> headers;
  int32_t partition = 0;
  int64_t offset = 0;
};

/// Reads an output record back using `layout` (nothing when no source is registered on the
/// topic: the bytes are parsed as JSON when they are JSON, else kept as a string). Never
/// throws: undecodable bytes set DecodedSide::error.
ActualRecord DecodeOutput(const runtime::TopicRecord& record, const RecordLayout* layout);

/// Encodes and decodes base64 (standard alphabet, padded), for BYTES and headers.
std::string EncodeBase64(const std::string& bytes);

/// Returns the decoded bytes, or nothing when `text` is not base64.
std::optional<std::string> DecodeBase64Text(const std::string& text);

}  // namespace fluxo::qtt
