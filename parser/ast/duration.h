#pragma once

#include <cstdint>
#include <string_view>

#include "parser/ast/source_span.h"

namespace fluxo::ast {

/// A unit of time as written in window sizes, grace periods, WITHIN clauses and intervals.
/// Singular and plural spellings are kept apart only so that SQL prints back as written.
enum class TimeUnit {
  kMillisecond,
  kMilliseconds,
  kSecond,
  kSeconds,
  kMinute,
  kMinutes,
  kHour,
  kHours,
  kDay,
  kDays,
};

/// Returns the SQL keyword for a unit, e.g. "SECONDS".
std::string_view TimeUnitName(TimeUnit unit);

/// Returns the length of one unit in milliseconds.
int64_t TimeUnitMillis(TimeUnit unit);

/// An amount of time such as `30 SECONDS`.
struct Duration : Node {
  int64_t amount = 0;
  TimeUnit unit = TimeUnit::kMilliseconds;

  /// Returns the duration in milliseconds.
  int64_t Millis() const { return amount * TimeUnitMillis(unit); }

  bool operator==(const Duration&) const = default;
};

}  // namespace fluxo::ast
