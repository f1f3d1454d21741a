#include "planner/binder/bind_join_source.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

namespace fluxo::planner {

namespace {

// ROWTIME, ROWPARTITION and ROWOFFSET: every source's rows carry them, and a join keeps each
// source's values as columns.
struct Pseudocolumn {
  const char* name;
  expr::Pseudocolumn kind;
  SqlTypePtr (*type)();
};

const Pseudocolumn kPseudocolumns[] = {
    {"ROWTIME", expr::Pseudocolumn::kRowtime, &SqlType::Bigint},
    {"ROWPARTITION", expr::Pseudocolumn::kRowpartition, &SqlType::Int},
    {"ROWOFFSET", expr::Pseudocolumn::kRowoffset, &SqlType::Bigint},
};

expr::BoundExpressionPtr SourceColumn(size_t index, const SqlTypePtr& type) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kColumn;
  node.index = index;
  node.type = type;
  return expr::MakeBound(std::move(node));
}

expr::BoundExpressionPtr PseudocolumnOf(const Pseudocolumn& pseudocolumn) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kPseudocolumn;
  node.pseudocolumn = pseudocolumn.kind;
  node.type = pseudocolumn.type();
  return expr::MakeBound(std::move(node));
}

}  // namespace

JoinSourceState MakeJoinSource(const SourceDescription& source, const std::string& alias) {
  JoinSourceState state;
  state.alias = alias;
  state.source = &source;
  state.input.source = source;
  state.input.alias = alias;
  const auto add = [&](const std::string& name,
                       expr::BoundExpressionPtr expression,
                       ColumnNamespace column_namespace) {
    state.names.push_back(name);
    state.input.columns.push_back({alias + "_" + name, std::move(expression), column_namespace});
  };
  const std::vector<Column>& columns = source.schema.columns();
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].column_namespace != ColumnNamespace::kKey) {
      add(columns[i].name, SourceColumn(i, columns[i].type), ColumnNamespace::kValue);
    }
  }
  for (const Pseudocolumn& pseudocolumn : kPseudocolumns) {
    add(pseudocolumn.name, PseudocolumnOf(pseudocolumn), ColumnNamespace::kValue);
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].column_namespace == ColumnNamespace::kKey) {
      add(columns[i].name, SourceColumn(i, columns[i].type), ColumnNamespace::kKey);
    }
  }
  // The side row keeps this order: its schema has no key columns (a schema puts them first).
  std::vector<Column> schema;
  for (const ProjectedColumn& column : state.input.columns) {
    schema.push_back({column.name, column.expression->type, ColumnNamespace::kValue, ""});
  }
  state.input.schema = LogicalSchema(std::move(schema));
  return state;
}

ExpressionScope JoinSourceScope(const std::vector<JoinSourceState>& sources,
                                size_t first,
                                size_t last,
                                bool side_row,
                                const std::string& clause) {
  ExpressionScope scope;
  scope.clause = clause;
  scope.allow_pseudocolumns = false;
  for (const JoinSourceState& source : sources) {
    scope.sources.push_back(source.alias);
  }
  for (size_t i = first; i < last; ++i) {
    const JoinSourceState& source = sources[i];
    for (size_t j = 0; j < source.names.size(); ++j) {
      scope.columns.push_back({source.alias,
                               source.names[j],
                               side_row ? j : source.positions[j],
                               source.input.schema.columns()[j].type});
    }
  }
  return scope;
}

std::string SyntheticJoinKeyName(const std::vector<JoinSourceState>& sources) {
  std::set<int> used;
  for (const JoinSourceState& source : sources) {
    for (const Column& column : source.source->schema.columns()) {
      if (column.name == "ROWKEY") {
        used.insert(0);
      } else if (column.name.rfind("ROWKEY_", 0) == 0 && column.name.size() > 7 &&
                 std::all_of(column.name.begin() + 7, column.name.end(), [](unsigned char c) {
                   return std::isdigit(c) != 0;
                 })) {
        used.insert(std::stoi(column.name.substr(7)));
      }
    }
  }
  int index = 0;
  while (used.count(index) > 0) {
    ++index;
  }
  return index == 0 ? "ROWKEY" : "ROWKEY_" + std::to_string(index);
}

}  // namespace fluxo::planner
