#pragma once

#include <cstdint>
#include <string>

#include "runtime/core/source_span.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::planner {

/// Returns a literal node of `type`.
expr::BoundExpressionPtr MakeLiteral(Value value, SqlTypePtr type);

/// An integer literal is an INT when it fits 32 bits, else a BIGINT (ksqlDB's rule).
expr::BoundExpressionPtr BindIntegerLiteral(int64_t value);

/// A literal such as `1.50` is an exact DECIMAL whose precision and scale come from its digits
/// (DECIMAL(3, 2) here). Throws kType at `span` beyond 38 digits.
expr::BoundExpressionPtr BindDecimalLiteral(const std::string& text, const SourceSpan& span);

/// `TIMESTAMP '...'`, `DATE '...'`, `TIME '...'`, `DECIMAL '...'`: the string read as that
/// type. Throws kType at `span` for another type name or text that does not parse.
expr::BoundExpressionPtr BindTypedLiteral(const std::string& type_name,
                                          const std::string& text,
                                          const SourceSpan& span);

}  // namespace fluxo::planner
