#pragma once

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

/// Returns true when ksqlDB allows CAST(x AS `to`) for an x of type `from`.
bool CanCast(const SqlType& from, const SqlType& to);

/// Returns true when a value of `from` is implicitly converted to `to` where `to` is needed
/// (INT -> BIGINT -> DECIMAL -> DOUBLE, and element-wise for ARRAY/MAP/STRUCT).
bool CanWiden(const SqlType& from, const SqlType& to);

/// Converts `value` of type `from` to type `to` with ksqlDB's CAST semantics: NULL stays NULL;
/// a string that does not parse as the target type gives NULL; DECIMAL rounds half-up to the
/// target scale and gives NULL when it overflows the precision; numbers to STRING print as
/// ksqlDB prints them (DOUBLE 1.0 -> "1.0", DECIMAL keeps its scale, TIMESTAMP ->
/// "2020-01-01T00:00:00.000"); ARRAY/MAP/STRUCT convert element-wise.
Value CastValue(const Value& value, const SqlType& from, const SqlType& to);

}  // namespace fluxo::expr
