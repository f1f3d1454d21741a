#pragma once

#include <string>

#include "runtime/core/logical_schema.h"
#include "runtime/expr/bound_expression.h"

namespace fluxo::planner {

/// One output column of a projection (or a new key of PARTITION BY): its name, where it goes
/// (key or value) and how it is computed from the input row.
struct ProjectedColumn {
  std::string name;
  expr::BoundExpressionPtr expression;
  ColumnNamespace column_namespace = ColumnNamespace::kValue;
};

}  // namespace fluxo::planner
