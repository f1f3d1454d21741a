#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::serde {

struct JsonFieldSlots;  // json_value_reader.h

/// Reads one JSON document into the values of a fixed list of columns, converting as ksqlDB's
/// KsqlJsonDeserializer does:
///
/// * Object fields match a column or STRUCT field by exact name first, else by their
///   (ASCII) upper-cased name, so `{"id": 1}` fills column ID but not a quoted column `id`
///   from `{"ID": 1}`. Unknown fields are ignored, missing ones are NULL; with duplicates the
///   last one wins.
/// * BOOLEAN takes only true/false. INT, BIGINT, TIMESTAMP, DATE and TIME take a number (the
///   integer part, wrapped as Java's intValue/longValue: -1.7 -> -1) or a string that Java's
///   Integer/Long.parseLong accepts; TIME must lie in [0, 86400000]. DOUBLE takes a number or a
///   string Java's Double.parseDouble accepts.
/// * DECIMAL reads a number exactly from its text and keeps the text's scale (10.1 in a
///   DECIMAL(4,2) column stays 10.1, as ksqlDB's vectors expect), only lowered to the column's
///   scale when trailing zeros allow it; a string ("3.4") is set to the column's scale (3.40).
///   Either must fit without rounding (ksqlDB's DecimalUtil.ensureFit messages).
/// * STRING takes a string as is, a number as Jackson prints it, true/false as text, an object
///   as compact JSON and an array as "[a, b]" (elements converted to STRING, NULL as "null").
/// * BYTES takes a Base64 string. ARRAY takes an array, MAP and STRUCT an object.
///
/// Keeps a simdjson parser and a padded copy of the input as scratch space between calls, so
/// an instance must be used by one thread at a time.
class JsonReader {
 public:
  /// `wrapped`: the columns are the fields of one JSON object. Otherwise there is exactly one
  /// column and the whole document is its value.
  JsonReader(const std::vector<Column>& columns, bool wrapped);

  ~JsonReader();

  JsonReader(const JsonReader&) = delete;

  JsonReader& operator=(const JsonReader&) = delete;

  /// Returns the columns' values in column order. A `null` document gives nothing when wrapped
  /// (ksqlDB reads it as a null row) and one NULL otherwise. Throws fluxo::Error of kind
  /// kExecution: "Malformed JSON: <reason>" or ksqlDB's coercion message ending in the path of
  /// the value at fault, e.g. "Can't convert type. sourceType: TextNode, requiredType: BOOLEAN,
  /// path: $.FLAG".
  std::optional<ValueList> Read(std::string_view bytes);

  /// Reads as Read does, but puts column i's value into `values[slots[i]]` (`values[i]` when
  /// `slots` is null), which the caller has set to NULL; returns false where Read gives nothing.
  /// On a throw, some of those values may have been set.
  bool ReadInto(std::string_view bytes, Value* values, const size_t* slots);

  /// From now on, ReadInto leaves the columns marked in `skipped` NULL, only checking that their
  /// values are well-formed JSON. Meant for STRING columns, which take any JSON value.
  void SkipColumns(const std::vector<bool>& skipped);

 private:
  struct Scratch;

  bool ReadInto(std::string_view bytes, JsonFieldSlots out);

  /// Reads the document of `length` bytes in the scratch buffer into `out`.
  bool ReadDocument(size_t length, JsonFieldSlots out);

  /// Reads an object document of `size` bytes, in the scratch buffer after its opening bracket,
  /// into `out`; false (or a throw) when it is not exactly one object.
  bool ReadObjectDocument(size_t size, JsonFieldSlots out);

  /// Walks the whole document in the scratch buffer and throws if any of it is malformed.
  void ValidateDocument(size_t length);

  std::vector<StructField> fields_;
  SqlTypePtr row_type_;
  bool wrapped_;
  /// Per column: 1 when SkipColumns marked it; empty when none is.
  std::vector<uint8_t> skipped_;
  /// Whether a column name has a lower-case letter (a quoted name), which slows matching down.
  bool lowercase_names_ = false;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace fluxo::serde
