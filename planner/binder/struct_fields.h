#pragma once

#include <string>
#include <utility>
#include <vector>

#include "runtime/core/source_span.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::planner {

/// Expands `struct_expression->*` in a SELECT list: one (field name, field access) pair per
/// field of the STRUCT `base`, in field order. Throws fluxo::Error (kType) at `span` when
/// `base` is not a STRUCT.
std::vector<std::pair<std::string, expr::BoundExpressionPtr>> StructFields(
    const expr::BoundExpressionPtr& base, const SourceSpan& span);

}  // namespace fluxo::planner
