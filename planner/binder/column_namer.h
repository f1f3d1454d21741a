#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "parser/ast/expression.h"

namespace fluxo::planner {

/// ksqlDB's names for unaliased SELECT expressions: a column keeps its name, a struct field
/// its field name, anything else the next free KSQL_COL_<n> (numbered over the generated
/// names only, and skipping names the query already uses).
class ColumnNamer {
 public:
  explicit ColumnNamer(std::vector<std::string> taken) : taken_(std::move(taken)) {}

  std::string NameFor(const ast::Expression& expression) {
    if (const auto* column = expression.As<ast::ColumnReference>()) {
      return column->name.value;
    }
    if (const auto* field = expression.As<ast::Dereference>()) {
      return field->field.value;
    }
    std::string name;
    do {
      name = "KSQL_COL_" + std::to_string(next_++);
    } while (std::find(taken_.begin(), taken_.end(), name) != taken_.end());
    return name;
  }

 private:
  std::vector<std::string> taken_;
  int next_ = 0;
};

}  // namespace fluxo::planner
