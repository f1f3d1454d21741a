#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::serde {

/// The KAFKA format: one primitive column in Kafka's own serializers' layout. INT is 4 bytes
/// big-endian, BIGINT 8 bytes big-endian, DOUBLE 8 bytes of IEEE-754 big-endian (NaN written as
/// Java's canonical 0x7ff8000000000000), STRING the UTF-8 bytes (read as Java decodes them:
/// invalid sequences become U+FFFD), BYTES the raw bytes. A NULL column is written as null bytes
/// and null bytes read as nothing. Reading bytes of the wrong length for INT, BIGINT or DOUBLE
/// throws kExecution with Kafka's message ("Size of data received by IntegerDeserializer is not
/// 4"). MakeRecordSerde rejects other types and column counts.
class KafkaSerde : public RecordSerde {
 public:
  KafkaSerde(Column column, bool is_key);

  std::optional<ValueList> Deserialize(const std::optional<std::string>& bytes) const override;

  std::optional<std::string> Serialize(const std::optional<ValueList>& values) const override;

  /// Deserialize into `row[slots[0]]` without a list of its own.
  bool DeserializeInto(const std::optional<std::string>& bytes,
                       ValueList& row,
                       const std::vector<size_t>& slots) const override;

  /// Serialize of `row[slots[0]]` without gathering it into a list first.
  std::optional<std::string> SerializeFrom(const ValueList& row,
                                           const std::vector<size_t>& slots) const override;

 private:
  /// Reads the one column's value from (non-null) record bytes.
  Value ReadValue(const std::string& bytes) const;

  /// Writes the one column's value; nothing for NULL.
  std::optional<std::string> SerializeValue(const Value& value) const;

  Column column_;
  bool is_key_;
};

}  // namespace fluxo::serde
