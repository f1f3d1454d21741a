#pragma once

#include <cstdint>
#include <optional>

namespace fluxo {

/// The serialization formats Fluxo reads and writes without a schema registry.
enum class FormatKind : uint8_t { kJson, kDelimited, kKafka, kNone };

/// A format and its options, from KEY_FORMAT / VALUE_FORMAT / FORMAT and the related WITH
/// properties. Plain data shared by the catalog (planner) and the serdes (runtime).
struct FormatSpec {
  FormatKind kind = FormatKind::kJson;
  char delimiter = ',';  ///< DELIMITED only (KEY_DELIMITER / VALUE_DELIMITER; SPACE and TAB
                         ///< already resolved to ' ' and '\t').
  /// WRAP_SINGLE_VALUE: whether one column is written as {"COL": v} (true) or as v (false).
  /// Unset means the format's default: wrapped for values, unwrapped for keys.
  std::optional<bool> wrap_single_value;

  bool operator==(const FormatSpec&) const = default;
};

/// Returns the format's name as ksqlDB writes it: JSON, DELIMITED, KAFKA, NONE.
inline const char* FormatKindName(FormatKind kind) {
  switch (kind) {
    case FormatKind::kJson:
      return "JSON";
    case FormatKind::kDelimited:
      return "DELIMITED";
    case FormatKind::kKafka:
      return "KAFKA";
    case FormatKind::kNone:
      return "NONE";
  }
  return "UNKNOWN";
}

}  // namespace fluxo
