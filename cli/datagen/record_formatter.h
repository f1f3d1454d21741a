#pragma once

#include <span>
#include <string>

#include "cli/datagen/record_generator.h"

namespace fluxo::cli::datagen {

/// The value formats `fluxo datagen --format` writes.
enum class ValueFormat {
  kJson,       ///< One JSON object, the columns as fields in column order.
  kDelimited,  ///< The values comma-separated in column order (RFC 4180 quoting where needed).
};

/// Writes the value of `record` in `format` into `out` (replacing its contents). Decimals get
/// exactly two fraction digits ("12.30"); kTimestamp columns get the record's timestamp.
void FormatValue(ValueFormat format,
                 std::span<const DatagenColumn> columns,
                 const DatagenRecord& record,
                 std::string& out);

}  // namespace fluxo::cli::datagen
