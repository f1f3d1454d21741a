#pragma once

#include <optional>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

/// Returns true when ksqlDB allows CAST(x AS `to`) for an x of type `from` (its CastEvaluator
/// table): any type to itself; BOOLEAN, numbers, TIMESTAMP, DATE, TIME, ARRAY, MAP and STRUCT
/// to STRING; numbers to each other; STRING to every primitive type (BYTES decodes Base64);
/// TIMESTAMP to DATE and TIME; DATE to TIMESTAMP; ARRAY to ARRAY, MAP to MAP element-wise;
/// STRUCT to STRUCT for the fields both have. Not BYTES to anything else, not BOOLEAN to numbers.
bool CanCast(const SqlType& from, const SqlType& to);

/// Returns true when a value of `from` is implicitly converted to `to` where `to` is needed
/// (SqlBaseType.canImplicitlyCast): INT -> BIGINT -> DECIMAL -> DOUBLE, a DECIMAL (INT counts as
/// DECIMAL(10, 0), BIGINT as DECIMAL(19, 0)) only into one with as many integer and fraction
/// digits, STRING -> TIMESTAMP, DATE and TIME, and element-wise for ARRAY, MAP and STRUCT (same
/// field names in the same order).
bool CanWiden(const SqlType& from, const SqlType& to);

/// Converts `value` of type `from` to type `to` (CanCast must hold) with ksqlDB's CAST
/// semantics; nothing when the conversion fails where ksqlDB's generated code throws:
///  * NULL stays NULL; a type to itself changes nothing.
///  * Numbers: BIGINT -> INT keeps the low 32 bits (2147483648 -> -2147483648), DECIMAL -> INT
///    or BIGINT truncates toward zero and keeps the low bits, DOUBLE -> INT or BIGINT truncates
///    and saturates (NaN -> 0), as Java's casts do.
///  * To DECIMAL(p, s): values of 10^(p - s) or more fail; otherwise rounded half-up to s (a
///    DOUBLE is first rounded to p significant digits, as DecimalUtil.cast does).
///  * From STRING (trimmed first): INT/BIGINT/DOUBLE/DECIMAL fail on bad text; BOOLEAN is true
///    for a prefix of "true" or "yes" and false otherwise; TIMESTAMP, DATE and TIME parse the
///    ISO forms ksqlDB accepts (temporal_text.h); BYTES decodes Base64.
///  * To STRING: as ValueToText (value_text.h).
///  * TIMESTAMP -> DATE/TIME take the UTC day or time of day; DATE -> TIMESTAMP is midnight UTC.
///  * ARRAY, MAP: element by element; STRUCT: target fields by name, NULL where the source has
///    no such field. A failing element fails the whole value.
std::optional<Value> TryCastValue(const Value& value, const SqlType& from, const SqlType& to);

/// Converts as TryCastValue does, giving NULL where the conversion fails (in ksqlDB the failure
/// is also written to the processing log; use TryCastValue to do that).
Value CastValue(const Value& value, const SqlType& from, const SqlType& to);

}  // namespace fluxo::expr
