#pragma once

#include <optional>
#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/core/value.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::engine {

/// Returns the keys a pull query's WHERE clause (bound over a table with `schema`) limits its
/// rows to, so that the query looks them up instead of scanning the table: when the top-level
/// conjunction holds `key = constant` or `key IN (constants)` for every key column, the
/// combinations of those constants (each one as its key column stores it, duplicates
/// dropped, in the order written). Returns nothing when the WHERE clause is absent or does not
/// pin every key column down, or when the combinations would be too many.
///
/// The keys only choose which rows to read: the caller still evaluates the whole WHERE clause
/// on each of them. A comparison qualifies only when the key column is compared as its own
/// type (no cast of the column), so that a lookup never misses a row the comparison would
/// accept.
std::optional<std::vector<ValueList>> KeysPinnedBy(const expr::BoundExpressionPtr& where,
                                                   const LogicalSchema& schema);

}  // namespace fluxo::engine
