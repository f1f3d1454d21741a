#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/core/format_spec.h"
#include "runtime/core/logical_schema.h"

namespace fluxo::planner {

enum class SourceType : uint8_t { kStream, kTable };

/// Returns "STREAM" or "TABLE".
const char* SourceTypeName(SourceType type);

enum class WindowType : uint8_t { kTumbling, kHopping, kSession };

/// A source whose keys are windowed (WINDOW_TYPE / WINDOW_SIZE, or the output of a windowed
/// aggregation).
struct WindowInfo {
  WindowType type = WindowType::kTumbling;
  std::optional<int64_t> size_ms;  ///< Tumbling and hopping windows.

  bool operator==(const WindowInfo&) const = default;
};

/// Everything the catalog knows about a stream or table: what DESCRIBE shows and what the
/// planner needs to read or write its topic.
struct SourceDescription {
  std::string name;
  SourceType type = SourceType::kStream;
  LogicalSchema schema;
  std::string topic;
  FormatSpec key_format{FormatKind::kKafka, ',', std::nullopt};
  FormatSpec value_format;
  std::optional<std::string> timestamp_column;  ///< TIMESTAMP: event time from this column.
  std::optional<std::string> timestamp_format;  ///< TIMESTAMP_FORMAT for a STRING column.
  /// Flink's WATERMARK FOR col AS col - INTERVAL 'n' UNIT: how far event time may run out of
  /// order, which becomes the grace of windows over this source.
  std::optional<int64_t> watermark_delay_ms;
  std::optional<WindowInfo> window;
  bool read_only = false;  ///< CREATE SOURCE STREAM|TABLE: no INSERT, no DROP ... DELETE TOPIC.
  /// Declared in Flink's syntax ('connector' = 'kafka'): INSERT INTO it matches its columns to
  /// the SELECT list by position, as Flink does.
  bool flink = false;
  /// Flink's 'scan.startup.mode': where a new query reading this source starts —
  /// 'earliest-offset' (false) or 'latest-offset' (true); unset ('group-offsets', or not
  /// given): the query's `auto.offset.reset` decides.
  std::optional<bool> starts_at_end;
  std::string statement;  ///< The SQL text that created it.
};

}  // namespace fluxo::planner
