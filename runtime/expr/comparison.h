#pragma once

#include <optional>
#include <vector>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

/// Returns the type both sides of a comparison are converted to before comparing, or nullptr
/// when ksqlDB does not allow comparing them (ComparisonUtil). `ordering` is true for < <= > >=
/// and false for = <> and IS [NOT] DISTINCT FROM.
///  * Numbers with numbers: the wider type (INT < BIGINT < DECIMAL < DOUBLE; two DECIMALs, or a
///    DECIMAL and an integer, widen to the integer digits and scale of both).
///  * STRING with STRING; BYTES with BYTES; BOOLEAN with BOOLEAN for equality only.
///  * TIMESTAMP, DATE and TIME each with themselves or a STRING (the string is parsed);
///    TIMESTAMP with DATE compares as TIMESTAMP. TIME never meets DATE or TIMESTAMP.
///  * ARRAY, MAP and STRUCT with the same kind, for equality only, as their common type.
/// A comparison with a NULL literal is the caller's business (ksqlDB rejects `NULL = NULL`).
SqlTypePtr ComparisonType(const SqlType& left, const SqlType& right, bool ordering);

/// Compares two non-NULL values of `type` in a total order: negative, zero or positive.
/// Strings compare as Java's String.compareTo (UTF-16 code units); BYTES as signed bytes
/// (ByteBuffer.compareTo); DOUBLE as Java's Double.compare (-0.0 < 0.0, NaN above everything
/// and equal to itself); DECIMAL by value regardless of scale; ARRAY, MAP and STRUCT only for
/// equality (0 or 1), as Java's equals (nested NULLs equal, map entries in any order).
/// Numeric operands of another numeric storage than `type` are accepted and compared exactly:
/// INT, BIGINT and DECIMAL by value, DECIMAL with DOUBLE via the double's shortest decimal
/// form (BigDecimal.valueOf), as ksqlDB does.
int CompareValues(const Value& left, const Value& right, const SqlType& type);

/// Compares two non-NULL values as ksqlDB's comparison operators do: like CompareValues, but
/// doubles compare as IEEE numbers (-0.0 = 0.0) and nothing comes back when a NaN takes part,
/// for which every operator, <> and IS DISTINCT FROM included, is false.
std::optional<int> CompareSql(const Value& left, const Value& right, const SqlType& type);

/// Returns the common type of several values that must share one (IN lists, ARRAY and MAP
/// constructors, COALESCE arguments), as ksqlDB's CoercionUtil finds it for expressions: the
/// widest numeric type (DECIMALs widened to hold both), a TIMESTAMP, DATE or TIME for a mix
/// with STRING, element-wise for ARRAY and MAP, and for STRUCTs the union of their fields (the
/// later type's fields first). nullptr entries (NULL literals) are ignored; the result is
/// nullptr when every entry is. Nothing when the types do not agree.
/// ksqlDB's CASE is stricter: every THEN and ELSE must have exactly the same type.
std::optional<SqlTypePtr> CommonType(const std::vector<SqlTypePtr>& types);

}  // namespace fluxo::expr
