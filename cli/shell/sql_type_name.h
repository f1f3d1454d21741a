#pragma once

#include <string_view>

#include "runtime/core/sql_type.h"

namespace fluxo::cli::shell {

/// Reads a type back from the text SqlType::ToString writes, as a push query's
/// StatementResult::column_types carries it: `INTEGER`, `DECIMAL(10, 2)`, `ARRAY<STRING>`,
/// `MAP<STRING, INTEGER>`, `STRUCT<\`A\` INTEGER, \`B\` STRING>` (ksqlDB's spellings `INT` and
/// `VARCHAR` too). Returns nullptr for text it cannot read, so that the caller can fall back
/// on showing values by their storage alone.
SqlTypePtr ParseSqlTypeName(std::string_view text);

}  // namespace fluxo::cli::shell
