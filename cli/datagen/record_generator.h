#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/datagen/datagen_random.h"

namespace fluxo::cli::datagen {

/// How a column's value is written.
enum class ColumnKind {
  kString,     ///< JSON string; text as is in delimited output.
  kInteger,    ///< A whole number.
  kDecimal,    ///< A number with two decimal digits, held as hundredths ("12.34").
  kTimestamp,  ///< The record's timestamp in epoch ms (a whole number).
};

/// One column of a quickstart: its name (lower_snake_case) and kind, in output order.
struct DatagenColumn {
  std::string_view name;
  ColumnKind kind;
  std::string_view description;  ///< A few words for --help.
};

/// One value of a generated record; which member counts depends on its column's kind.
struct DatagenValue {
  std::string text;    ///< kString.
  int64_t number = 0;  ///< kInteger, or kDecimal in hundredths; kTimestamp ignores both.
};

/// One generated record: its key, its event time in epoch ms and one value per column.
struct DatagenRecord {
  std::string key;
  int64_t timestamp = 0;
  std::vector<DatagenValue> values;
};

/// What every quickstart generator is built from.
struct GeneratorOptions {
  int64_t start_time_ms = 0;  ///< The event time of the first record.
  int64_t key_count = 0;      ///< How many distinct entity ids (users, cards, ...) to use.
};

/// Generates the records of one quickstart, one value per column of its Quickstart in that
/// order. Each generator keeps its own event-time clock, which starts at
/// GeneratorOptions::start_time_ms and never goes back; every value comes from the
/// DatagenRandom passed in, so a seed fixes the whole sequence.
class RecordGenerator {
 public:
  virtual ~RecordGenerator() = default;

  /// Overwrites `record` with the next record (reusing its buffers).
  virtual void Next(DatagenRandom& random, DatagenRecord& record) = 0;
};

/// Sets `value.text` to `prefix` followed by the decimal digits of `number` ("User_" 7 ->
/// "User_7"), reusing the string's buffer.
void SetPrefixedId(DatagenValue& value, std::string_view prefix, int64_t number);

/// Resizes `record.values` to `count` values (kept buffers stay).
void ResizeValues(DatagenRecord& record, size_t count);

}  // namespace fluxo::cli::datagen
