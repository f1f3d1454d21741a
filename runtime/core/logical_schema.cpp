#include "runtime/core/logical_schema.h"

#include <algorithm>
#include <utility>

namespace fluxo {

LogicalSchema::LogicalSchema(std::vector<Column> columns) : columns_(std::move(columns)) {
  // Key columns first, each group in declaration order.
  std::stable_partition(columns_.begin(), columns_.end(), [](const Column& column) {
    return column.column_namespace == ColumnNamespace::kKey;
  });
}

std::optional<size_t> LogicalSchema::Find(const std::string& name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) {
      return i;
    }
  }
  return std::nullopt;
}

std::vector<Column> LogicalSchema::ColumnsIn(ColumnNamespace column_namespace) const {
  std::vector<Column> selected;
  for (const Column& column : columns_) {
    if (column.column_namespace == column_namespace) {
      selected.push_back(column);
    }
  }
  return selected;
}

std::vector<size_t> LogicalSchema::IndexesIn(ColumnNamespace column_namespace) const {
  std::vector<size_t> indexes;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].column_namespace == column_namespace) {
      indexes.push_back(i);
    }
  }
  return indexes;
}

std::vector<Column> LogicalSchema::ColumnsAt(const std::vector<size_t>& indexes) const {
  std::vector<Column> selected;
  selected.reserve(indexes.size());
  for (size_t index : indexes) {
    selected.push_back(columns_[index]);
  }
  return selected;
}

bool LogicalSchema::operator==(const LogicalSchema& other) const {
  if (columns_.size() != other.columns_.size()) {
    return false;
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& a = columns_[i];
    const Column& b = other.columns_[i];
    if (a.name != b.name || !SameType(a.type, b.type) || a.column_namespace != b.column_namespace ||
        a.header_key != b.header_key) {
      return false;
    }
  }
  return true;
}

}  // namespace fluxo
