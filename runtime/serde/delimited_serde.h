#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::serde {

/// The DELIMITED format (ksqlDB's KsqlDelimitedSerializer/Deserializer over Commons CSV): one
/// CSV line holding the columns in order, quoted as csv_record.h describes. Only primitive
/// columns (MakeRecordSerde rejects ARRAY, MAP and STRUCT).
///
/// Writing: NULL is an empty unquoted field; BOOLEAN "true"/"false"; numbers as Java prints them
/// (DOUBLE 1.0E10, DECIMAL as toPlainString with its scale); TIMESTAMP and TIME in milliseconds,
/// DATE in days; BYTES in Base64; STRING as is. A single NULL column gives empty bytes, not null
/// bytes, as in ksqlDB (which cannot read them back either: "No fields in record"); only nothing
/// gives null bytes, so callers must pass nothing for a record that had no key.
///
/// Reading: the bytes are decoded as Java decodes UTF-8 (invalid sequences become U+FFFD), the
/// first record is read, its field count must equal the column count, and an empty field,
/// quoted or not, is NULL (so an empty STRING reads as NULL). BOOLEAN is true only for "true" in
/// any case; INT/BIGINT/DOUBLE parse as Java's parseInt/parseLong/parseDouble; DECIMAL is set to
/// the column's scale and must fit without rounding; TIME must lie in [0, 86400000].
class DelimitedSerde : public RecordSerde {
 public:
  DelimitedSerde(std::vector<Column> columns, bool is_key, char delimiter);

  std::optional<ValueList> Deserialize(const std::optional<std::string>& bytes) const override;

  std::optional<std::string> Serialize(const std::optional<ValueList>& values) const override;

 private:
  std::vector<Column> columns_;
  bool is_key_;
  char delimiter_;
};

}  // namespace fluxo::serde
