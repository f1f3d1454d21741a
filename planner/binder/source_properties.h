#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/catalog/source_description.h"

namespace fluxo::planner {

/// The WITH (...) options of CREATE STREAM/TABLE (and of CREATE ... AS SELECT), checked and
/// normalised. Names are matched case-insensitively; ksqlDB's (KAFKA_TOPIC, VALUE_FORMAT, ...)
/// and Flink's ('connector', 'topic', 'format', 'scan.startup.mode', ...) are both accepted.
struct SourceProperties {
  std::optional<std::string> topic;
  std::optional<FormatKind> key_format;
  std::optional<FormatKind> value_format;
  std::optional<char> key_delimiter;
  std::optional<char> value_delimiter;
  std::optional<bool> wrap_single_value;
  std::optional<int32_t> partitions;
  std::optional<int32_t> replicas;
  std::optional<std::string> timestamp_column;
  std::optional<std::string> timestamp_format;
  std::optional<WindowInfo> window;
  std::optional<std::string> startup_mode;  ///< Flink 'scan.startup.mode'.
  bool flink_connector = false;             ///< 'connector' = 'kafka' was given.
  std::vector<std::string> notices;         ///< Options accepted but ignored, said plainly.
};

/// Checks and normalises `properties`. Throws fluxo::Error of kind kPlanning at the span of the
/// property at fault: unknown property, wrong value type, unknown or unsupported format,
/// FORMAT given together with KEY_FORMAT or VALUE_FORMAT, bad delimiter or window.
SourceProperties BindSourceProperties(const std::vector<ast::Property>& properties);

}  // namespace fluxo::planner
