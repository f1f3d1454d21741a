#include "planner/binder/bind_query.h"

#include <algorithm>
#include <utility>

#include "planner/binder/expression_binder.h"
#include "planner/binder/source_properties.h"
#include "planner/physical/physical_plan.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

void RejectUnsupported(const ast::Query& query) {
  if (!query.joins.empty()) {
    Fail("Joins are not supported yet", query.joins.front().span);
  }
  if (query.window.has_value()) {
    Fail("Windowed aggregations are not supported yet", query.window->span);
  }
  if (query.group_by.has_value() || query.having.has_value()) {
    Fail("GROUP BY aggregations are not supported yet", query.span);
  }
  if (query.from.window_function.has_value()) {
    Fail("Window table functions are not supported yet", query.from.span);
  }
  if (query.emit == ast::EmitMode::kFinal) {
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
                        const std::string& clause) {
  ExpressionScope scope;
  scope.clause = clause;
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

// ksqlDB's names for unaliased expressions: a column keeps its name, a struct field its field
// name, anything else the next free KSQL_COL_<n> (numbered over the generated names only, and
// skipping names the query already uses).
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
        expr::BoundExpressionPtr base = binder.Bind(*item.expression);
        if (!base->type || base->type->kind() != TypeKind::kStruct) {
          throw Error(ErrorKind::kType, "->* needs a STRUCT", item.span);
        }
        for (size_t f = 0; f < base->type->fields().size(); ++f) {
          expr::BoundExpression field;
          field.kind = expr::BoundKind::kField;
          field.index = f;
          field.type = base->type->fields()[f].type;
          field.children = {base};
          projection.push_back({base->type->fields()[f].name,
                                expr::MakeBound(std::move(field)),
                                ColumnNamespace::kValue});
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

// ksqlDB's rules for keys in a projection: every key column of the input is selected, each
// once, and something besides the keys is selected.
void CheckProjectionKeys(const LogicalSchema& input,
                         const std::vector<ProjectedColumn>& projection,
                         const std::string& sink_name,
                         const SourceSpan& span) {
  std::vector<std::string> missing;
  for (size_t i = 0; i < input.columns().size(); ++i) {
    if (input.columns()[i].column_namespace != ColumnNamespace::kKey) {
      continue;
    }
    std::vector<std::string> aliases;
    for (const ProjectedColumn& column : projection) {
      if (column.column_namespace == ColumnNamespace::kKey &&
          column.expression->kind == expr::BoundKind::kColumn && column.expression->index == i) {
        aliases.push_back(column.name);
      }
    }
    if (aliases.empty()) {
      missing.push_back(input.columns()[i].name);
    } else if (aliases.size() > 1) {
      std::string list;
      for (size_t a = 0; a < aliases.size(); ++a) {
        list += (a == 0 ? "" : (a + 1 == aliases.size() ? " and " : ", ")) + aliases[a];
      }
      Fail("The projection contains a key column (`" + input.columns()[i].name +
               "`) more than once, aliased as: " + list + ".",
           span);
    }
  }
  if (!missing.empty()) {
    std::string names;
    std::string example;
    for (size_t m = 0; m < missing.size(); ++m) {
      names += (m == 0 ? "" : (m + 1 == missing.size() ? " and " : ", ")) + missing[m];
      example += (m == 0 ? "" : ", ") + missing[m];
    }
    Fail(
        "Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\nThe query used "
        "to build `" +
            sink_name + "` must include the key column" + (missing.size() > 1 ? "s " : " ") +
            names + " in its projection (eg, SELECT " + example + "...).",
        span);
  }
  const bool has_value = std::any_of(projection.begin(), projection.end(), [](const auto& column) {
    return column.column_namespace != ColumnNamespace::kKey;
  });
  if (!has_value) {
    Fail("The projection contains no value columns.", span);
  }
}

LogicalPlan BindQuery(const ast::Query& query,
                      const Catalog& catalog,
                      const functions::FunctionRegistry& functions,
                      const std::string& sink_name) {
  RejectUnsupported(query);
  LogicalPlan plan;
  const SourceDescription& source = FindSource(catalog, *query.from.source);
  plan.source = source;
  plan.source_alias = query.from.alias.has_value() ? query.from.alias->value : source.name;
  plan.source_schema = source.schema;

  if (query.where.has_value()) {
    const ExpressionScope scope = ScopeOf(plan.source_schema, plan.source_alias, "WHERE");
    const ExpressionBinder binder(scope, catalog, functions);
    plan.filter = binder.BindCondition(*query.where, "WHERE");
  }
  plan.repartitioned_schema = plan.source_schema;
  if (query.partition_by.has_value()) {
    const ExpressionScope scope = ScopeOf(plan.source_schema, plan.source_alias, "PARTITION BY");
    const ExpressionBinder binder(scope, catalog, functions);
    plan.repartition = BindRepartition(*query.partition_by, plan.source_schema, binder, query.span);
    plan.repartitioned_schema = SchemaOf(*plan.repartition);
  }
  const ExpressionScope scope = ScopeOf(plan.repartitioned_schema, plan.source_alias, "SELECT");
  const ExpressionBinder binder(scope, catalog, functions);
  plan.projection = BindProjection(query, plan.repartitioned_schema, plan.source_alias, binder);
  CheckProjectionKeys(plan.repartitioned_schema, plan.projection, sink_name, query.span);
  plan.output_schema = SchemaOf(plan.projection);
  return plan;
}

}  // namespace

LogicalPlan BindCreateSourceAs(const ast::CreateSourceAs& create,
                               const Catalog& catalog,
                               const functions::FunctionRegistry& functions,
                               const std::string& statement_text,
                               int32_t source_partitions) {
  const std::string& sink_name = create.name.value;
  LogicalPlan plan = BindQuery(create.query, catalog, functions, sink_name);
  const bool table_result = plan.source.type == SourceType::kTable;
  if (table_result && create.kind == ast::SourceKind::kStream) {
    Fail(
        "Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS "
        "SELECT statement instead.",
        create.name.span);
  }
  if (!table_result && create.kind == ast::SourceKind::kTable) {
    Fail(
        "Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS "
        "SELECT statement instead.",
        create.name.span);
  }
  if (table_result && plan.repartition.has_value()) {
    Fail(
        "Cannot repartition a TABLE source. If this is a join, make sure that the criteria uses "
        "the TABLE's key column instead.",
        create.query.span);
  }
  const SourceProperties properties = BindSourceProperties(create.properties);
  SourceDescription& sink = plan.sink.description;
  sink.name = sink_name;
  sink.type = table_result ? SourceType::kTable : SourceType::kStream;
  sink.schema = plan.output_schema;
  sink.statement = statement_text;
  sink.topic = properties.topic.value_or(sink_name);
  // The sink inherits the source's formats (and delimiters), but not WRAP_SINGLE_VALUE: ksqlDB
  // wraps single values again unless the sink's own WITH says otherwise.
  sink.value_format = plan.source.value_format;
  sink.value_format.wrap_single_value = std::nullopt;
  if (properties.value_format.has_value() && *properties.value_format != sink.value_format.kind) {
    sink.value_format = FormatSpec{*properties.value_format, ',', std::nullopt};
  }
  sink.key_format = plan.source.key_format;
  if (properties.key_format.has_value()) {
    sink.key_format = FormatSpec{*properties.key_format, ',', std::nullopt};
  }
  if (properties.value_delimiter.has_value()) {
    sink.value_format.delimiter = *properties.value_delimiter;
  }
  if (properties.key_delimiter.has_value()) {
    sink.key_format.delimiter = *properties.key_delimiter;
  }
  if (properties.wrap_single_value.has_value()) {
    sink.value_format.wrap_single_value = properties.wrap_single_value;
  }
  const bool has_key = !sink.schema.IndexesIn(ColumnNamespace::kKey).empty();
  if (!has_key) {
    sink.key_format = FormatSpec{FormatKind::kNone, ',', std::nullopt};
  } else if (sink.key_format.kind == FormatKind::kNone) {
    sink.key_format = FormatSpec{FormatKind::kKafka, ',', std::nullopt};
  }
  if (!properties.key_format.has_value() && sink.key_format.kind == FormatKind::kKafka &&
      sink.schema.IndexesIn(ColumnNamespace::kKey).size() > 1) {
    // KAFKA carries one key column; several inherited keys are written as JSON (ksqlDB).
    sink.key_format = FormatSpec{FormatKind::kJson, ',', std::nullopt};
  }
  if (properties.timestamp_column.has_value()) {
    if (!sink.schema.Find(*properties.timestamp_column).has_value()) {
      Fail("The TIMESTAMP column set in the WITH clause does not exist in the schema: '" +
               *properties.timestamp_column + "'",
           create.name.span);
    }
    sink.timestamp_column = properties.timestamp_column;
    sink.timestamp_format = properties.timestamp_format;
  }
  plan.sink.creates_source = true;
  plan.sink.partitions = properties.partitions.value_or(source_partitions);
  return plan;
}

LogicalPlan BindInsertInto(const ast::InsertInto& insert,
                           const Catalog& catalog,
                           const functions::FunctionRegistry& functions) {
  const SourceDescription* target = catalog.FindSource(insert.target.value);
  if (target == nullptr) {
    throw Error(ErrorKind::kBinding,
                "Source `" + insert.target.value + "` does not exist.",
                insert.target.span);
  }
  if (target->type != SourceType::kStream) {
    Fail("INSERT INTO can only be used to insert into a stream. " + target->name + " is a table.",
         insert.target.span);
  }
  if (target->read_only) {
    Fail("Cannot insert into read-only stream: " + target->name, insert.target.span);
  }
  LogicalPlan plan = BindQuery(insert.query, catalog, functions, target->name);
  if (!(plan.output_schema == target->schema)) {
    Fail("Incompatible schema between results and sink.\nResult schema is " +
             DescribeSchema(plan.output_schema) + "\nSink schema is " +
             DescribeSchema(target->schema),
         insert.query.span);
  }
  plan.sink.description = *target;
  plan.sink.creates_source = false;
  return plan;
}

}  // namespace fluxo::planner
