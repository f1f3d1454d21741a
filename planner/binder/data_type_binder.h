#pragma once

#include "parser/ast/data_type.h"
#include "planner/catalog/catalog.h"
#include "runtime/core/sql_type.h"

namespace fluxo::planner {

/// Turns a type as written (`INT`, `DECIMAL(10, 2)`, `ARRAY<STRING>`, a CREATE TYPE name, Flink's
/// `TIMESTAMP(3)`) into a SqlType. Throws fluxo::Error of kind kType at the type's span for an
/// unknown or unsupported type or bad parameters.
SqlTypePtr BindDataType(const ast::DataType& type, const Catalog& catalog);

}  // namespace fluxo::planner
