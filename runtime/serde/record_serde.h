#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/format_spec.h"
#include "runtime/core/logical_schema.h"
#include "runtime/core/value.h"

namespace fluxo::serde {

using fluxo::FormatKind;  // Defined in runtime/core/format_spec.h, shared with the catalog.
using fluxo::FormatSpec;

/// Returns the format's name as ksqlDB writes it: JSON, DELIMITED, KAFKA, NONE.
const char* FormatName(FormatKind kind);

/// Reads and writes one side of a Kafka record, the key or the value, for a fixed list of
/// columns. Instances are immutable and used by one task thread at a time.
class RecordSerde {
 public:
  virtual ~RecordSerde() = default;

  /// Turns the record bytes into the columns' values, in column order. Null bytes (a Kafka
  /// null) give nothing: a tombstone for a value, no key for a key. Throws fluxo::Error of
  /// kind kExecution naming the problem when the bytes do not fit the columns (the caller
  /// skips the record and logs it).
  virtual std::optional<ValueList> Deserialize(const std::optional<std::string>& bytes) const = 0;

  /// Turns column values (in column order) into record bytes; nothing gives a Kafka null.
  /// Throws fluxo::Error of kind kExecution when a value cannot be written.
  virtual std::optional<std::string> Serialize(const std::optional<ValueList>& values) const = 0;

  /// Reads the record bytes as Deserialize does, putting column i's value into `row[slots[i]]`
  /// (the caller has set those to NULL). Returns false where Deserialize gives nothing. The
  /// default calls Deserialize; a serde may read straight into the row instead.
  virtual bool DeserializeInto(const std::optional<std::string>& bytes,
                               ValueList& row,
                               const std::vector<size_t>& slots) const;

  /// Writes `row[slots[i]]` as column i, as Serialize does with those values. The default
  /// gathers them and calls Serialize; a serde may write straight from the row instead.
  virtual std::optional<std::string> SerializeFrom(const ValueList& row,
                                                   const std::vector<size_t>& slots) const;

  /// Tells the serde that nobody reads the columns marked in `unused` (in column order): it may
  /// leave them NULL to save work, as long as it still rejects exactly the records it would
  /// reject otherwise. The default ignores the hint.
  virtual void IgnoreUnusedColumns(const std::vector<bool>& unused);
};

/// Makes the serde for `columns` (the key or the value columns of a schema) in `format`.
/// Throws fluxo::Error of kind kPlanning when the format cannot carry those columns, e.g. KAFKA
/// with more than one column, DELIMITED with an ARRAY column, NONE with any column.
std::unique_ptr<RecordSerde> MakeRecordSerde(const FormatSpec& format,
                                             const std::vector<Column>& columns,
                                             bool is_key);

}  // namespace fluxo::serde
