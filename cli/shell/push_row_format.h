#pragma once

#include <string>
#include <vector>

#include "runtime/core/sql_type.h"
#include "runtime/engine/engine.h"

namespace fluxo::cli::shell {

/// Turns the rows of one push query into text: cells for the tabular view and JSON objects,
/// using the column names and type names its StatementResult carries. A row's cells are its
/// key columns then its value columns (the order of StatementResult::columns); a delete has
/// only its key, and its value cells are left empty (null in JSON).
class PushRowFormat {
 public:
  PushRowFormat(std::vector<std::string> columns, const std::vector<std::string>& type_names);

  const std::vector<std::string>& columns() const { return columns_; }

  /// Returns one cell per column: `null` for SQL NULL, other values as CAST(value AS STRING)
  /// writes them (TIMESTAMP as `2024-01-01T10:00:00.000`).
  std::vector<std::string> Cells(const engine::PushQueryRow& row) const;

  /// Returns the row as one compact JSON object, `{"ID":1,"NAME":"x"}`, with values as the
  /// JSON format writes them (TIMESTAMP as epoch milliseconds).
  std::string Json(const engine::PushQueryRow& row) const;

 private:
  /// Calls `visit(index, value)` for each column that has a value in `row`.
  template <typename Visit>
  void ForEachValue(const engine::PushQueryRow& row, Visit&& visit) const;

  std::vector<std::string> columns_;
  std::vector<SqlTypePtr> types_;  ///< nullptr where the type name could not be read.
};

}  // namespace fluxo::cli::shell
