#include "cli/shell/push_row_format.h"

#include <utility>

#include "cli/shell/sql_type_name.h"
#include "runtime/expr/value_text.h"
#include "runtime/serde/json_writer.h"

namespace fluxo::cli::shell {

PushRowFormat::PushRowFormat(std::vector<std::string> columns,
                             const std::vector<std::string>& type_names)
    : columns_(std::move(columns)) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    types_.push_back(i < type_names.size() ? ParseSqlTypeName(type_names[i]) : nullptr);
  }
}

template <typename Visit>
void PushRowFormat::ForEachValue(const engine::PushQueryRow& row, Visit&& visit) const {
  size_t index = 0;
  for (const Value& value : row.key) {
    if (index < columns_.size()) {
      visit(index++, value);
    }
  }
  for (const Value& value : row.values) {
    if (index < columns_.size()) {
      visit(index++, value);
    }
  }
}

std::vector<std::string> PushRowFormat::Cells(const engine::PushQueryRow& row) const {
  std::vector<std::string> cells(columns_.size());
  ForEachValue(row, [&](size_t index, const Value& value) {
    if (value.IsNull()) {
      cells[index] = "null";
    } else if (types_[index] != nullptr) {
      cells[index] = expr::ValueToText(value, *types_[index]);
    } else {
      cells[index] = value.DebugString();
    }
  });
  return cells;
}

std::string PushRowFormat::Json(const engine::PushQueryRow& row) const {
  std::vector<std::string> fields(columns_.size(), "null");
  ForEachValue(row, [&](size_t index, const Value& value) {
    std::string& out = fields[index];
    out.clear();
    if (types_[index] != nullptr) {
      serde::AppendJsonValue(value, *types_[index], out);
    } else if (value.IsNull()) {
      out = "null";
    } else {
      serde::AppendJsonString(value.DebugString(), out);
    }
  });
  std::string json = "{";
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) {
      json += ',';
    }
    serde::AppendJsonString(columns_[i], json);
    json += ':';
    json += fields[i];
  }
  return json + "}";
}

}  // namespace fluxo::cli::shell
