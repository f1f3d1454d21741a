#include "planner/binder/bind_join_query.h"

#include <algorithm>
#include <utility>

#include "parser/ast/expression_children.h"
#include "planner/binder/bind_aggregation.h"
#include "planner/binder/bind_join.h"
#include "planner/binder/bind_join_projection.h"
#include "planner/binder/bind_select.h"
#include "planner/binder/column_namer.h"
#include "planner/binder/expression_binder.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

LogicalSchema SchemaOf(const std::vector<ProjectedColumn>& columns) {
  std::vector<Column> schema_columns;
  schema_columns.reserve(columns.size());
  for (const ProjectedColumn& column : columns) {
    schema_columns.push_back({column.name, column.expression->type, column.column_namespace, ""});
  }
  return LogicalSchema(std::move(schema_columns));
}

expr::BoundExpressionPtr ColumnOf(const LogicalSchema& schema, size_t index) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kColumn;
  node.index = index;
  node.type = schema.columns()[index].type;
  return expr::MakeBound(std::move(node));
}

// A join's sources have no window bounds of their own: ksqlDB cannot resolve WINDOWSTART or
// WINDOWEND in the SELECT list of a windowed aggregation over a join.
void RejectWindowBounds(const ast::Expression& expression) {
  if (const auto* column = expression.As<ast::ColumnReference>()) {
    if (!column->qualifier.has_value() &&
        (column->name.value == "WINDOWSTART" || column->name.value == "WINDOWEND")) {
      throw Error(ErrorKind::kBinding,
                  "SELECT column '" + column->name.value + "' cannot be resolved.",
                  expression.span);
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    RejectWindowBounds(*child);
  }
}

// The repartitioned rows of PARTITION BY over a join: the new key columns, then the joined
// rows' columns except the ones that became keys; the old key column stays only when no
// value column has its name (a join's key is a copy of a source column).
struct JoinRepartition {
  std::vector<ProjectedColumn> columns;
  ExpressionScope scope;  ///< What SELECT may name in the repartitioned rows.
};

JoinRepartition BindJoinRepartition(const std::vector<ast::Expression>& keys,
                                    const BoundJoins& joins,
                                    const ExpressionBinder& binder,
                                    const SourceSpan& span) {
  const LogicalSchema& input = joins.schema();
  JoinRepartition result;
  ColumnNamer namer({});
  std::vector<std::optional<const ScopeColumn*>> key_columns;
  const ExpressionScope scope = joins.Scope("PARTITION BY");
  for (const ast::Expression& key : keys) {
    if (key.Is<ast::NullLiteral>()) {
      if (keys.size() > 1) {
        Fail("Cannot PARTITION BY multiple columns including NULL", span);
      }
      continue;
    }
    expr::BoundExpressionPtr bound = binder.Bind(key);
    std::string name;
    const ScopeColumn* column = nullptr;
    if (const auto* reference = key.As<ast::ColumnReference>()) {
      std::optional<std::string> qualifier;
      if (reference->qualifier.has_value()) {
        qualifier = reference->qualifier->value;
      }
      column = scope.Find(qualifier, reference->name.value, key.span);
      name = column->source.empty() ? column->name : column->source + "_" + column->name;
    } else {
      name = namer.NameFor(key);
    }
    result.columns.push_back({name, std::move(bound), ColumnNamespace::kKey});
  }
  const auto taken = [&](const std::string& name) {
    return std::any_of(result.columns.begin(), result.columns.end(), [&](const auto& column) {
      return column.name == name;
    });
  };
  for (size_t i = 1; i < input.columns().size(); ++i) {
    if (!taken(input.columns()[i].name)) {
      result.columns.push_back({input.columns()[i].name, ColumnOf(input, i)});
    }
  }
  if (!taken(input.columns()[0].name)) {
    result.columns.push_back({input.columns()[0].name, ColumnOf(input, 0)});
  }
  // A source column is found under the name it has in the joined rows.
  result.scope.clause = "SELECT";
  result.scope.allow_pseudocolumns = false;
  result.scope.sources = scope.sources;
  for (const ScopeColumn& column : joins.columns) {
    const std::string& joined_name = input.columns()[column.index].name;
    for (size_t i = 0; i < result.columns.size(); ++i) {
      if (result.columns[i].name == joined_name) {
        result.scope.columns.push_back({column.source, column.name, i, column.type});
        break;
      }
    }
  }
  return result;
}

// SELECT after PARTITION BY over a join: `*` is every repartitioned column; a column of the
// new key stays in the key. The columns come in SELECT order.
std::vector<ProjectedColumn> BindRepartitionedProjection(const ast::Query& query,
                                                         const BoundJoins& joins,
                                                         const JoinRepartition& repartition,
                                                         const ExpressionBinder& binder,
                                                         const std::string& sink_name,
                                                         bool transient) {
  const LogicalSchema schema = SchemaOf(repartition.columns);
  std::vector<std::string> taken;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.alias.has_value()) {
      taken.push_back(item.alias->value);
    }
  }
  ColumnNamer namer(std::move(taken));
  std::vector<ProjectedColumn> projection;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.kind == ast::SelectItemKind::kAll) {
      for (size_t i = 0; i < schema.columns().size(); ++i) {
        projection.push_back({schema.columns()[i].name, ColumnOf(schema, i)});
      }
      continue;
    }
    if (item.kind != ast::SelectItemKind::kExpression) {
      Fail("Only * and expressions may be selected after PARTITION BY in a join", item.span);
    }
    expr::BoundExpressionPtr bound = binder.Bind(*item.expression);
    std::string name;
    if (item.alias.has_value()) {
      name = item.alias->value;
    } else if (const auto* reference = item.expression->As<ast::ColumnReference>()) {
      std::optional<std::string> qualifier;
      if (reference->qualifier.has_value()) {
        qualifier = reference->qualifier->value;
      }
      const ScopeColumn* column =
          joins.Scope("SELECT").Find(qualifier, reference->name.value, item.span);
      name = column != nullptr ? joins.ColumnName(*column) : reference->name.value;
    } else {
      name = namer.NameFor(*item.expression);
    }
    projection.push_back({name, std::move(bound)});
  }
  size_t keys = 0;
  for (ProjectedColumn& column : projection) {
    if (column.expression->kind == expr::BoundKind::kColumn &&
        schema.columns()[column.expression->index].column_namespace == ColumnNamespace::kKey) {
      column.column_namespace = ColumnNamespace::kKey;
      ++keys;
    }
  }
  if (keys < schema.IndexesIn(ColumnNamespace::kKey).size() && !transient) {
    Fail(
        "Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\nThe query "
        "used to build `" +
            sink_name + "` must include the partitioning expression in its projection.",
        query.span);
  }
  return projection;  // In SELECT order: the caller moves the keys first.
}

}  // namespace

LogicalPlan BindJoinQuery(const ast::Query& query,
                          const Catalog& catalog,
                          const functions::FunctionRegistry& functions,
                          const std::string& sink_name,
                          const aggregates::AggregateConfig& aggregate_config,
                          bool transient) {
  BoundJoins joins = BindJoins(query, catalog, functions);
  LogicalPlan plan;
  plan.source = joins.inputs.front().source;
  plan.source_alias = joins.inputs.front().alias;
  plan.source_schema = joins.schema();
  plan.repartitioned_schema = plan.source_schema;
  plan.join_inputs = joins.inputs;
  plan.joins = joins.joins;
  if (query.where.has_value()) {
    const ExpressionScope scope = joins.Scope("WHERE");
    plan.filter = ExpressionBinder(scope, catalog, functions).BindCondition(*query.where, "WHERE");
  }
  if (IsAggregation(query)) {
    if (query.partition_by.has_value()) {
      Fail("PARTITION BY is not supported together with GROUP BY.", query.span);
    }
    if (query.window.has_value()) {
      for (const ast::SelectItem& item : query.select_items) {
        if (item.expression.has_value()) {
          RejectWindowBounds(*item.expression);
        }
      }
    }
    const ExpressionScope scope = joins.Scope("SELECT");
    BoundAggregation aggregation = BindAggregation(query,
                                                   plan.source_schema,
                                                   "",
                                                   joins.ProducesTable(),
                                                   catalog,
                                                   functions,
                                                   sink_name,
                                                   aggregate_config,
                                                   std::nullopt,
                                                   &scope);
    plan.aggregation = std::move(aggregation.aggregation);
    plan.projection = std::move(aggregation.projection);
    plan.select_order = std::move(aggregation.select_order);
    plan.output_schema = SchemaOf(plan.projection);
    return plan;
  }
  if (query.partition_by.has_value()) {
    const ExpressionScope scope = joins.Scope("PARTITION BY");
    const ExpressionBinder binder(scope, catalog, functions);
    JoinRepartition repartition =
        BindJoinRepartition(*query.partition_by, joins, binder, query.span);
    plan.repartitioned_schema = SchemaOf(repartition.columns);
    const ExpressionBinder select_binder(repartition.scope, catalog, functions);
    plan.projection =
        BindRepartitionedProjection(query, joins, repartition, select_binder, sink_name, transient);
    plan.select_order = MoveKeysFirst(plan.projection);
    plan.repartition = std::move(repartition.columns);
    plan.output_schema = SchemaOf(plan.projection);
    return plan;
  }
  const ExpressionScope scope = joins.Scope("SELECT");
  plan.projection = BindJoinProjection(
      query, joins, ExpressionBinder(scope, catalog, functions), sink_name, transient);
  plan.select_order = MoveKeysFirst(plan.projection);
  plan.output_schema = SchemaOf(plan.projection);
  return plan;
}

}  // namespace fluxo::planner
