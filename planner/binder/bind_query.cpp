#include <algorithm>
#include <numeric>
#include <utility>

#include "planner/binder/bind_aggregation.h"
#include "planner/binder/bind_join_query.h"
#include "planner/binder/bind_select.h"
#include "planner/binder/column_namer.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/flink_window.h"
#include "planner/binder/qualified_expression_text.h"
#include "planner/binder/source_properties.h"
#include "planner/binder/struct_fields.h"
#include "planner/physical/physical_plan.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

void RejectUnsupported(const ast::Query& query) {
  if (query.from.window_function.has_value() && !query.group_by.has_value()) {
    Fail("A window table function needs an aggregation: GROUP BY window_start, window_end, ...",
         query.from.span);
  }
  if (query.window.has_value() && !IsAggregation(query)) {
    Fail("WINDOW clause requires a GROUP BY clause.", query.window->span);
  }
  if (query.emit == ast::EmitMode::kFinal && !IsAggregation(query)) {
    Fail("EMIT FINAL is only supported for windowed aggregations.", query.span);
  }
}

const SourceDescription& FindSource(const Catalog& catalog, const ast::Identifier& name) {
  if (const SourceDescription* source = catalog.FindSource(name.value)) {
    return *source;
  }
  std::string message = name.value + " does not exist.";
  if (const std::string suggestion = catalog.SuggestSource(name.value); !suggestion.empty()) {
    message += " Did you mean " + suggestion + "?";
  }
  throw Error(ErrorKind::kBinding, message, name.span);
}

ExpressionScope ScopeOf(const LogicalSchema& schema,
                        const std::string& source,
                        const std::string& clause,
                        bool windowed = false) {
  ExpressionScope scope;
  scope.clause = clause;
  scope.windowed = windowed;
  for (size_t i = 0; i < schema.columns().size(); ++i) {
    scope.columns.push_back({source, schema.columns()[i].name, i, schema.columns()[i].type});
  }
  return scope;
}

expr::BoundExpressionPtr ColumnOf(const LogicalSchema& schema, size_t index) {
  expr::BoundExpression node;
  node.kind = expr::BoundKind::kColumn;
  node.index = index;
  node.type = schema.columns()[index].type;
  return expr::MakeBound(std::move(node));
}

// Orders columns as the schema stores them: key columns first, each group in order.
std::vector<ProjectedColumn> KeysFirst(std::vector<ProjectedColumn> columns) {
  std::stable_partition(columns.begin(), columns.end(), [](const ProjectedColumn& column) {
    return column.column_namespace == ColumnNamespace::kKey;
  });
  return columns;
}

LogicalSchema SchemaOf(const std::vector<ProjectedColumn>& columns) {
  std::vector<Column> schema_columns;
  for (const ProjectedColumn& column : columns) {
    schema_columns.push_back({column.name, column.expression->type, column.column_namespace, ""});
  }
  return LogicalSchema(std::move(schema_columns));
}

// PARTITION BY: the new keys first, then every earlier column that is not one of them, as a
// value column (the old key columns move into the value, as in ksqlDB).
std::vector<ProjectedColumn> BindRepartition(const std::vector<ast::Expression>& keys,
                                             const LogicalSchema& input,
                                             const ExpressionBinder& binder,
                                             const SourceSpan& span) {
  if (keys.empty()) {
    Fail("PARTITION BY requires at least one expression", span);
  }
  if (keys.size() > 1 && std::any_of(keys.begin(), keys.end(), [](const ast::Expression& key) {
        return key.Is<ast::NullLiteral>();
      })) {
    Fail("Cannot PARTITION BY multiple columns including NULL", span);
  }
  std::vector<std::string> taken;
  for (const Column& column : input.columns()) {
    taken.push_back(column.name);
  }
  ColumnNamer namer(std::move(taken));
  std::vector<ProjectedColumn> columns;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].Is<ast::NullLiteral>()) {
      continue;  // PARTITION BY NULL: no key at all.
    }
    expr::BoundExpressionPtr bound = binder.Bind(keys[i]);
    columns.push_back({namer.NameFor(keys[i]), bound, ColumnNamespace::kKey});
  }
  // Then the old value columns, then the old key columns, as values (ksqlDB's order).
  for (ColumnNamespace group : {ColumnNamespace::kValue, ColumnNamespace::kKey}) {
    for (size_t i = 0; i < input.columns().size(); ++i) {
      const Column& column = input.columns()[i];
      const bool in_group = group == ColumnNamespace::kKey
                                ? column.column_namespace == ColumnNamespace::kKey
                                : column.column_namespace != ColumnNamespace::kKey;
      const bool is_new_key = std::any_of(
          columns.begin(), columns.end(), [&](const auto& key) { return key.name == column.name; });
      if (in_group && !is_new_key) {
        columns.push_back({column.name, ColumnOf(input, i), ColumnNamespace::kValue});
      }
    }
  }
  return columns;
}

void AddAllColumns(const LogicalSchema& input, std::vector<ProjectedColumn>& projection) {
  for (size_t i = 0; i < input.columns().size(); ++i) {
    const Column& column = input.columns()[i];
    const ColumnNamespace target = column.column_namespace == ColumnNamespace::kKey
                                       ? ColumnNamespace::kKey
                                       : ColumnNamespace::kValue;
    projection.push_back({column.name, ColumnOf(input, i), target});
  }
}

// Returns the position of the new key column that `expression` stands for when it repeats a
// PARTITION BY expression (ksqlDB reads SELECT ADDRESS->TOWN ... PARTITION BY ADDRESS->TOWN
// as the key), or nothing.
std::optional<size_t> PartitionKeyFor(const ast::Expression& expression, const ast::Query& query) {
  if (!query.partition_by.has_value()) {
    return std::nullopt;
  }
  size_t key = 0;
  for (const ast::Expression& partition : *query.partition_by) {
    if (partition.Is<ast::NullLiteral>()) {
      continue;
    }
    if (partition == expression && !expression.Is<ast::ColumnReference>()) {
      return key;
    }
    ++key;
  }
  return std::nullopt;
}

std::vector<ProjectedColumn> BindProjection(const ast::Query& query,
                                            const LogicalSchema& input,
                                            const std::string& source_name,
                                            const ExpressionBinder& binder) {
  std::vector<std::string> taken;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.alias.has_value()) {
      taken.push_back(item.alias->value);
    }
  }
  ColumnNamer namer(std::move(taken));
  std::vector<ProjectedColumn> projection;
  for (size_t position = 0; position < query.select_items.size(); ++position) {
    const ast::SelectItem& item = query.select_items[position];
    switch (item.kind) {
      case ast::SelectItemKind::kAll:
        AddAllColumns(input, projection);
        break;
      case ast::SelectItemKind::kAllOf:
        if (item.source->value != source_name) {
          throw Error(ErrorKind::kBinding,
                      "Source '" + item.source->value + "' is not in FROM",
                      item.source->span);
        }
        AddAllColumns(input, projection);
        break;
      case ast::SelectItemKind::kStructAll: {
        for (auto& [name, field] : StructFields(binder.Bind(*item.expression), item.span)) {
          projection.push_back({name, field, ColumnNamespace::kValue});
        }
        break;
      }
      case ast::SelectItemKind::kExpression: {
        if (const auto key = PartitionKeyFor(*item.expression, query)) {
          // The repartitioned row holds the key columns first.
          const std::string name =
              item.alias.has_value() ? item.alias->value : input.columns()[*key].name;
          projection.push_back({name, ColumnOf(input, *key), ColumnNamespace::kKey});
          break;
        }
        expr::BoundExpressionPtr bound;
        try {
          bound = binder.Bind(*item.expression);
        } catch (const Error& error) {
          if (error.kind() != ErrorKind::kType || !error.span().has_value()) {
            throw;
          }
          throw Error(ErrorKind::kType, "Invalid Select: " + error.message(), *error.span());
        }
        if (!bound->type) {
          throw Error(ErrorKind::kType,
                      "Can't infer a type of null. Please explicitly cast it to a required type, "
                      "e.g. CAST(null AS VARCHAR).",
                      item.span);
        }
        const std::string name =
            item.alias.has_value() ? item.alias->value : namer.NameFor(*item.expression);
        // A source key column selected as it is stays in the key.
        const bool is_key = bound->kind == expr::BoundKind::kColumn &&
                            input.columns()[bound->index].column_namespace == ColumnNamespace::kKey;
        projection.push_back(
            {name, bound, is_key ? ColumnNamespace::kKey : ColumnNamespace::kValue});
        break;
      }
    }
  }
  for (size_t i = 0; i < projection.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (projection[i].name == projection[j].name) {
        Fail("Duplicate column name: " + projection[i].name, query.span);
      }
    }
  }
  return KeysFirst(std::move(projection));
}

// Joins names as ksqlDB's GrammaticalJoiner does: "A", "A and B", "A, B and C".
std::string JoinWithAnd(const std::vector<std::string>& names) {
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) {
    joined += (i == 0 ? "" : (i + 1 == names.size() ? " and " : ", ")) + names[i];
  }
  return joined;
}

// ksqlDB's message for keys the projection leaves out; `what` is "key column" or "partitioning
// expression", and `keys` are all of them (ksqlDB names every key, not only the missing ones).
[[noreturn]] void FailKeysMissing(const std::string& sink_name,
                                  const std::string& what,
                                  const std::vector<std::string>& keys,
                                  const SourceSpan& span) {
  const std::string plural = keys.size() > 1 ? "s" : "";
  std::string example;
  for (const std::string& key : keys) {
    example += (example.empty() ? "" : ", ") + key;
  }
  Fail("Key" + plural + " missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n" +
           "The query used to build `" + sink_name + "` must include the " + what + plural + " " +
           JoinWithAnd(keys) + " in its projection (eg, SELECT " + example + "...).",
       span);
}

// What the projection must do with the input's key columns.
struct KeyRules {
  std::string sink_name;
  std::string source_alias;
  /// The PARTITION BY expressions when the query has them (their text names missing keys).
  const std::vector<ast::Expression>* partition_by = nullptr;
  /// ksqlDB's new query planner: a stream query may leave out all the keys (a keyless result).
  bool keys_optional = false;
};

// ksqlDB's rules for keys in a projection: every key column of the input is selected, each
// once, and something besides the keys is selected.
void CheckProjectionKeys(const LogicalSchema& input,
                         const std::vector<ProjectedColumn>& projection,
                         const KeyRules& rules,
                         const SourceSpan& span) {
  std::vector<std::string> keys;
  size_t selected = 0;
  for (size_t i = 0; i < input.columns().size(); ++i) {
    if (input.columns()[i].column_namespace != ColumnNamespace::kKey) {
      continue;
    }
    keys.push_back(input.columns()[i].name);
    std::vector<std::string> aliases;
    for (const ProjectedColumn& column : projection) {
      if (column.column_namespace == ColumnNamespace::kKey &&
          column.expression->kind == expr::BoundKind::kColumn && column.expression->index == i) {
        aliases.push_back(column.name);
      }
    }
    if (aliases.size() > 1) {
      Fail("The projection contains a key column (`" + input.columns()[i].name +
               "`) more than once, aliased as: " + JoinWithAnd(aliases) + ".",
           span);
    }
    selected += aliases.size();
  }
  const bool keyless_result = rules.keys_optional && selected == 0;
  if (selected < keys.size() && !keyless_result) {
    if (rules.partition_by == nullptr) {
      FailKeysMissing(rules.sink_name, "key column", keys, span);
    }
    std::vector<std::string> expressions;
    for (const ast::Expression& expression : *rules.partition_by) {
      expressions.push_back(QualifiedExpressionText(expression, rules.source_alias));
    }
    FailKeysMissing(rules.sink_name, "partitioning expression", expressions, span);
  }
  const bool has_value = std::any_of(projection.begin(), projection.end(), [](const auto& column) {
    return column.column_namespace != ColumnNamespace::kKey;
  });
  if (!has_value) {
    Fail("The projection contains no value columns.", span);
  }
}

// Puts the projection in `order` (the old index of each new one); returns the new index of
// each old one.
std::vector<size_t> Reorder(std::vector<ProjectedColumn>& projection,
                            const std::vector<size_t>& order) {
  std::vector<ProjectedColumn> reordered;
  std::vector<size_t> new_index(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    reordered.push_back(std::move(projection[order[i]]));
    new_index[order[i]] = i;
  }
  projection = std::move(reordered);
  return new_index;
}

// Orders the key columns of a projection as the input orders them (the source's key order, or
// the PARTITION BY order), as ksqlDB's old query planner does; the value columns keep the
// projection's order. Returns the select order (LogicalPlan::select_order).
std::vector<size_t> OrderKeysAsInput(std::vector<ProjectedColumn>& projection) {
  std::vector<size_t> order(projection.size());  // The SELECT position of each new index.
  std::iota(order.begin(), order.end(), size_t{0});
  const auto keys_end = std::stable_partition(order.begin(), order.end(), [&](size_t i) {
    return projection[i].column_namespace == ColumnNamespace::kKey;
  });
  std::stable_sort(order.begin(), keys_end, [&](size_t left, size_t right) {
    return projection[left].expression->index < projection[right].expression->index;
  });
  return Reorder(projection, order);
}

}  // namespace

std::vector<size_t> MoveKeysFirst(std::vector<ProjectedColumn>& projection) {
  std::vector<size_t> order(projection.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_partition(order.begin(), order.end(), [&](size_t i) {
    return projection[i].column_namespace == ColumnNamespace::kKey;
  });
  return Reorder(projection, order);
}

LogicalPlan BindSelect(const ast::Query& query,
                       const Catalog& catalog,
                       const functions::FunctionRegistry& functions,
                       const std::string& sink_name,
                       const QueryBindOptions& options,
                       bool transient) {
  RejectUnsupported(query);
  if (!query.joins.empty()) {
    return BindJoinQuery(query, catalog, functions, sink_name, options.aggregates, transient);
  }
  LogicalPlan plan;
  const SourceDescription& source = FindSource(
      catalog,
      query.from.source.has_value() ? *query.from.source : query.from.window_function->source);
  plan.source = source;
  plan.source_alias = query.from.alias.has_value() ? query.from.alias->value : source.name;
  plan.source_schema = source.schema;

  if (query.where.has_value()) {
    const ExpressionScope scope =
        ScopeOf(plan.source_schema, plan.source_alias, "WHERE", plan.source.window.has_value());
    const ExpressionBinder binder(scope, catalog, functions);
    plan.filter = binder.BindCondition(*query.where, "WHERE");
  }
  plan.repartitioned_schema = plan.source_schema;
  if (IsAggregation(query)) {
    if (query.partition_by.has_value()) {
      Fail("PARTITION BY is not supported together with GROUP BY.", query.span);
    }
    if (plan.source.value_format.kind == FormatKind::kKafka) {
      Fail("Source(s) " + plan.source.name +
               " are using the 'KAFKA' value format. This format does not yet support GROUP BY.",
           query.span);
    }
    // A window in Flink's syntax leaves GROUP BY for the aggregation's window.
    ast::Query grouped_query = query;
    std::vector<ast::Expression> group_by = query.group_by.value_or(std::vector<ast::Expression>{});
    const std::optional<FlinkWindow> flink_window =
        ExtractFlinkWindow(query, plan.source, group_by);
    if (flink_window.has_value()) {
      grouped_query.group_by = std::move(group_by);
    }
    BoundAggregation aggregation = BindAggregation(grouped_query,
                                                   plan.source_schema,
                                                   plan.source_alias,
                                                   plan.source.type == SourceType::kTable,
                                                   catalog,
                                                   functions,
                                                   sink_name,
                                                   options.aggregates,
                                                   flink_window);
    plan.aggregation = std::move(aggregation.aggregation);
    plan.projection = std::move(aggregation.projection);
    plan.select_order = std::move(aggregation.select_order);
    plan.output_schema = SchemaOf(plan.projection);
    return plan;
  }
  if (query.partition_by.has_value()) {
    const ExpressionScope scope = ScopeOf(
        plan.source_schema, plan.source_alias, "PARTITION BY", plan.source.window.has_value());
    const ExpressionBinder binder(scope, catalog, functions);
    plan.repartition = BindRepartition(*query.partition_by, plan.source_schema, binder, query.span);
    plan.repartitioned_schema = SchemaOf(*plan.repartition);
  }
  const ExpressionScope scope = ScopeOf(
      plan.repartitioned_schema, plan.source_alias, "SELECT", plan.source.window.has_value());
  const ExpressionBinder binder(scope, catalog, functions);
  plan.projection = BindProjection(query, plan.repartitioned_schema, plan.source_alias, binder);
  KeyRules key_rules;
  key_rules.sink_name = sink_name;
  key_rules.source_alias = plan.source_alias;
  if (query.partition_by.has_value()) {
    key_rules.partition_by = &*query.partition_by;
  }
  key_rules.keys_optional = options.new_query_planner && !query.partition_by.has_value() &&
                            plan.source.type == SourceType::kStream;
  if (!transient) {
    CheckProjectionKeys(plan.repartitioned_schema, plan.projection, key_rules, query.span);
  }
  // The new planner keeps the projection's key order, except after PARTITION BY.
  if (!options.new_query_planner || query.partition_by.has_value()) {
    plan.select_order = OrderKeysAsInput(plan.projection);
  }
  plan.output_schema = SchemaOf(plan.projection);
  return plan;
}

}  // namespace fluxo::planner
