#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/core/logical_schema.h"
#include "runtime/serde/json_reader.h"
#include "runtime/serde/json_text_buffer.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::serde {

/// The JSON format (ksqlDB's KsqlJsonDeserializer and JsonConverter-based serializer). Several
/// columns, or one wrapped column, are the fields of one object (`{"COL": v}`, written in column
/// order); one unwrapped column is the bare value (the default for a key, and for a value with
/// WRAP_SINGLE_VALUE=false). See JsonReader for how values are read and json_writer.h for how
/// they are written.
///
/// Nulls: null bytes read as nothing and nothing writes null bytes. A `null` document reads as
/// nothing when wrapped (ksqlDB reads it as a null row) and as one NULL column when unwrapped;
/// an unwrapped NULL column is written as null bytes, not as the text `null`. Several NULL
/// columns are an object of nulls: only nothing gives null bytes, so callers must pass nothing
/// for a record that had no key (ksqlDB writes `SELECT *` over a null key as a null key, but
/// `PARTITION BY ID, NAME` over NULLs as {"ID":null,"NAME":null}).
class JsonSerde : public RecordSerde {
 public:
  JsonSerde(std::vector<Column> columns, bool is_key, bool wrapped);

  std::optional<ValueList> Deserialize(const std::optional<std::string>& bytes) const override;

  std::optional<std::string> Serialize(const std::optional<ValueList>& values) const override;

  /// Reads straight into the row's slots.
  bool DeserializeInto(const std::optional<std::string>& bytes,
                       ValueList& row,
                       const std::vector<size_t>& slots) const override;

  /// Writes straight from the row's slots.
  std::optional<std::string> SerializeFrom(const ValueList& row,
                                           const std::vector<size_t>& slots) const override;

  /// Skips unused STRING columns: any JSON value converts to a STRING, so checking that the
  /// value is well-formed is all their reading can reject.
  void IgnoreUnusedColumns(const std::vector<bool>& unused) override;

 private:
  /// Rethrows a reader's error with the serde's wording.
  [[noreturn]] void ThrowDeserializeError(const Error& error) const;

  /// Writes column i from `values[slots[i]]` (`values[i]` when `slots` is null).
  std::optional<std::string> Write(const Value* values, const size_t* slots) const;

  std::vector<Column> columns_;
  /// `"NAME":` for each column, ready to append.
  std::vector<std::string> field_prefixes_;
  bool is_key_;
  bool wrapped_;
  /// Parser state reused between calls (see RecordSerde: one thread at a time).
  mutable JsonReader reader_;
  /// The record being written, its memory reused from record to record.
  mutable JsonTextBuffer text_;
};

}  // namespace fluxo::serde
