#include "planner/binder/bind_join_projection.h"

#include <algorithm>
#include <utility>

#include "planner/binder/column_namer.h"
#include "planner/binder/struct_fields.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

expr::BoundExpressionPtr ColumnAt(const ScopeColumn& column) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kColumn;
  node.index = column.index;
  node.type = column.type;
  return expr::MakeBound(std::move(node));
}

void AddStar(const JoinSource& source, std::vector<ProjectedColumn>& projection) {
  for (const ScopeColumn& column : source.star_columns) {
    projection.push_back({column.source + "_" + column.name, ColumnAt(column)});
  }
}

const JoinSource& SourceNamed(const BoundJoins& joins, const ast::Identifier& alias) {
  for (const JoinSource& source : joins.sources) {
    if (source.alias == alias.value) {
      return source;
    }
  }
  throw Error(ErrorKind::kBinding,
              "Failed to prepare statement: '" + alias.value +
                  "' is not a valid stream/table name or alias.",
              alias.span);
}

// ksqlDB's name for an unaliased column reference of a join.
std::string ReferenceName(const ast::ColumnReference& reference,
                          const BoundJoins& joins,
                          const SourceSpan& span) {
  std::optional<std::string> qualifier;
  if (reference.qualifier.has_value()) {
    qualifier = reference.qualifier->value;
  }
  const ExpressionScope scope = joins.Scope("SELECT");
  if (const ScopeColumn* column = scope.Find(qualifier, reference.name.value, span)) {
    return joins.ColumnName(*column);
  }
  return reference.name.value;
}

std::string JoinNames(std::vector<std::string> names, const char* last_separator) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : (i + 1 == names.size() ? last_separator : ", ")) + names[i];
  }
  return text;
}

[[noreturn]] void FailKeyMissing(const BoundJoins& joins,
                                 const std::string& sink_name,
                                 const SourceSpan& span) {
  const std::string plural = joins.viable_keys.size() > 1 ? "s" : "";
  std::string message =
      "Key" + plural + " missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n" +
      "The query used to build `" + sink_name + "` must include the join expression" + plural +
      " " + JoinNames(joins.viable_keys, " or ") + " in its projection (eg, SELECT " +
      joins.viable_keys.front() + "...).";
  if (joins.synthetic_key) {
    message += "\n" + joins.viable_keys.front() +
               " was added as a synthetic key column because the join criteria did not match "
               "any source column. This expression must be included in the projection and may "
               "be aliased.";
  }
  Fail(message, span);
}

}  // namespace

std::vector<ProjectedColumn> BindJoinProjection(const ast::Query& query,
                                                const BoundJoins& joins,
                                                const ExpressionBinder& binder,
                                                const std::string& sink_name,
                                                bool transient) {
  std::vector<std::string> taken;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.alias.has_value()) {
      taken.push_back(item.alias->value);
    }
  }
  ColumnNamer namer(std::move(taken));
  std::vector<ProjectedColumn> projection;
  for (const ast::SelectItem& item : query.select_items) {
    switch (item.kind) {
      case ast::SelectItemKind::kAll:
        if (joins.synthetic_key) {
          const ScopeColumn& key = joins.columns.front();
          projection.push_back({key.name, ColumnAt(key)});
        }
        for (const JoinSource& source : joins.sources) {
          AddStar(source, projection);
        }
        break;
      case ast::SelectItemKind::kAllOf:
        AddStar(SourceNamed(joins, *item.source), projection);
        break;
      case ast::SelectItemKind::kStructAll: {
        for (auto& [name, field] : StructFields(binder.Bind(*item.expression), item.span)) {
          projection.push_back({name, field});
        }
        break;
      }
      case ast::SelectItemKind::kExpression: {
        expr::BoundExpressionPtr bound = binder.Bind(*item.expression);
        if (!bound->type) {
          throw Error(ErrorKind::kType,
                      "Can't infer a type of null. Please explicitly cast it to a required "
                      "type, e.g. CAST(null AS VARCHAR).",
                      item.span);
        }
        std::string name;
        if (item.alias.has_value()) {
          name = item.alias->value;
        } else if (const auto* reference = item.expression->As<ast::ColumnReference>()) {
          name = ReferenceName(*reference, joins, item.span);
        } else {
          name = namer.NameFor(*item.expression);
        }
        projection.push_back({name, std::move(bound)});
        break;
      }
    }
  }

  // The join key (column 0 of the joined rows) is the result's key column: once, and only it.
  std::vector<std::string> key_names;
  for (ProjectedColumn& column : projection) {
    if (column.expression->kind == expr::BoundKind::kColumn && column.expression->index == 0 &&
        !(transient && !key_names.empty())) {
      column.column_namespace = ColumnNamespace::kKey;
      key_names.push_back(column.name);
    }
  }
  if (key_names.empty() && !transient) {
    FailKeyMissing(joins, sink_name, query.span);
  }
  if (key_names.size() > 1) {
    std::sort(key_names.begin(), key_names.end());
    Fail("The projection contains a key column (`" + joins.schema().columns().front().name +
             "`) more than once, aliased as: " + JoinNames(key_names, " and ") + ".",
         query.span);
  }
  for (size_t i = 0; i < projection.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (projection[i].name == projection[j].name) {
        Fail("Duplicate column name: " + projection[i].name, query.span);
      }
    }
  }
  if (projection.size() == key_names.size() && !transient) {
    Fail("The projection contains no value columns.", query.span);
  }
  return projection;  // In SELECT order: the caller moves the keys first.
}

}  // namespace fluxo::planner
