#pragma once

#include <optional>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

/// Returns the type both sides of a comparison are converted to before comparing (the wider
/// numeric type; the same type otherwise), or nullptr when ksqlDB does not allow comparing them.
/// `ordering` is true for < <= > >= (which ARRAY, MAP, STRUCT and BOOLEAN do not support) and
/// false for = <> and IS [NOT] DISTINCT FROM.
SqlTypePtr ComparisonType(const SqlType& left, const SqlType& right, bool ordering);

/// Compares two non-NULL values of `type`: negative, zero or positive. Strings compare by
/// bytes; DOUBLE as Java's Double.compare; DECIMAL by value regardless of scale; ARRAY, MAP and
/// STRUCT only for equality (0 or non-zero).
int CompareValues(const Value& left, const Value& right, const SqlType& type);

/// Returns the common type of several values that must share one (CASE branches, IN lists,
/// ARRAY elements, COALESCE arguments): the widest numeric type, or the one type they all
/// have; nullptr entries (NULL literals) are ignored. Nothing when they do not agree.
std::optional<SqlTypePtr> CommonType(const std::vector<SqlTypePtr>& types);

}  // namespace fluxo::expr
