#include "planner/binder/bind_aggregation.h"

#include <algorithm>
#include <utility>

#include "parser/ast/expression_children.h"
#include "parser/sql_formatter.h"
#include "planner/binder/aggregate_calls.h"
#include "planner/binder/column_namer.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/group_by_analysis.h"
#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

ExpressionScope InputScope(const LogicalSchema& input,
                           const std::string& alias,
                           const std::string& clause,
                           const ExpressionScope* join_scope) {
  if (join_scope != nullptr) {  // A join's rows: several sources, each with its own columns.
    ExpressionScope scope = *join_scope;
    scope.clause = clause;
    return scope;
  }
  ExpressionScope scope;
  scope.clause = clause;
  for (size_t i = 0; i < input.columns().size(); ++i) {
    scope.columns.push_back({alias, input.columns()[i].name, i, input.columns()[i].type});
  }
  return scope;
}

// Binds one aggregate call's arguments over the input row and makes its function.
AggregateCall BindAggregateCall(const ast::Expression& call_expression,
                                const ExpressionBinder& binder,
                                const aggregates::AggregateConfig& config) {
  const auto& call = *call_expression.As<ast::FunctionCall>();
  std::vector<expr::BoundExpressionPtr> bound;
  std::vector<aggregates::AggregateArgument> arguments;
  for (const ast::Expression& argument : call.arguments) {
    RejectWindowBounds(argument);
    expr::BoundExpressionPtr value = binder.Bind(argument);
    aggregates::AggregateArgument description;
    description.type = value->type;
    if (value->kind == expr::BoundKind::kLiteral) {
      description.literal = value->value;
    }
    arguments.push_back(std::move(description));
    bound.push_back(std::move(value));
  }
  AggregateCall result;
  try {
    result.function =
        aggregates::AggregateRegistry::BuiltIn().Create(call.name.value, arguments, config);
  } catch (const Error& error) {
    throw Error(error.kind(), error.message(), call_expression.span);
  }
  bound.resize(result.function->num_column_arguments());
  for (size_t i = 0; i < bound.size(); ++i) {
    if (!bound[i]->type) {  // A NULL literal argument takes the type the function expects.
      bound[i] = CastTo(bound[i], SqlType::String());
    }
  }
  result.arguments = std::move(bound);
  return result;
}

void RejectUndoless(const std::vector<AggregateCall>& calls, const SourceSpan& span) {
  std::vector<std::string> names;
  for (const AggregateCall& call : calls) {
    if (!call.function->SupportsUndo() &&
        std::find(names.begin(), names.end(), call.function->name()) == names.end()) {
      names.push_back(call.function->name());
    }
  }
  if (!names.empty()) {
    Fail("The aggregation functions " + JoinNames(names, " and ") +
             " cannot be applied to a table source, only to a stream source.",
         span);
  }
}

}  // namespace

bool IsAggregation(const ast::Query& query) {
  if (query.group_by.has_value()) {
    return true;
  }
  std::vector<const ast::Expression*> calls;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.expression.has_value()) {
      CollectAggregateCalls(*item.expression, calls);
    }
  }
  if (query.having.has_value()) {
    CollectAggregateCalls(*query.having, calls);
  }
  return !calls.empty();
}

BoundAggregation BindAggregation(const ast::Query& query,
                                 const LogicalSchema& input,
                                 const std::string& source_alias,
                                 bool table_input,
                                 const Catalog& catalog,
                                 const functions::FunctionRegistry& functions,
                                 const std::string& sink_name,
                                 const aggregates::AggregateConfig& config,
                                 const std::optional<FlinkWindow>& flink_window,
                                 const ExpressionScope* input_scope) {
  BoundAggregation bound;
  LogicalAggregation& aggregation = bound.aggregation;
  aggregation.window = BindWindow(query.window);
  aggregation.emit_final = query.emit == ast::EmitMode::kFinal;
  std::vector<ast::Expression> window_bounds;  // Flink's TUMBLE_START(...), window_end, ...
  if (flink_window.has_value()) {
    // Flink emits a window's result once the watermark passes its end.
    aggregation.window = flink_window->spec;
    aggregation.emit_final = query.emit != ast::EmitMode::kChanges;
    aggregation.emit_expired_windows = true;  // Flink keeps no window-store retention.
    window_bounds = flink_window->starts;
    window_bounds.insert(window_bounds.end(), flink_window->ends.begin(), flink_window->ends.end());
  }
  if (aggregation.window.has_value()) {
    if (aggregation.emit_final) {
      aggregation.window = aggregation.window->ForEmitFinal();
    }
    aggregation.window->CheckRetention();
  }
  aggregation.table_input = table_input;
  const bool windowed = aggregation.window.has_value();
  if (aggregation.emit_final && !windowed) {
    Fail("EMIT FINAL is only supported for windowed aggregations.", query.span);
  }

  // GROUP BY: each expression once, no aggregates, no window bounds. `T.COL` and `COL` name
  // the same column, so qualifiers naming the source are dropped before comparing.
  std::vector<ast::Expression> group_by = query.group_by.value_or(std::vector<ast::Expression>{});
  for (ast::Expression& expression : group_by) {
    StripQualifier(expression, source_alias);
  }
  for (size_t i = 0; i < group_by.size(); ++i) {
    RejectWindowBounds(group_by[i]);
    std::vector<const ast::Expression*> nested;
    CollectAggregateCalls(group_by[i], nested);
    if (!nested.empty()) {
      Fail("GROUP BY does not support aggregate functions: " +
               nested.front()->As<ast::FunctionCall>()->name.value + " is an aggregate function.",
           nested.front()->span);
    }
    for (size_t j = 0; j < i; ++j) {
      if (group_by[j] == group_by[i]) {
        std::string text = parser::FormatExpression(group_by[i]);
        if (group_by[i].Is<ast::ColumnReference>() &&
            !group_by[i].As<ast::ColumnReference>()->qualifier.has_value()) {
          text = source_alias + "." + text;
        }
        Fail("Duplicate GROUP BY expression: " + text, group_by[i].span);
      }
    }
  }

  std::vector<ast::Expression> grouped = group_by;  // What SELECT may use outside aggregates.
  grouped.insert(grouped.end(), window_bounds.begin(), window_bounds.end());

  // The aggregate calls of SELECT and HAVING, each distinct call once.
  const std::vector<SelectExpression> select = ExpandSelect(query, input, source_alias);
  std::optional<ast::Expression> having = query.having;
  if (having.has_value()) {
    StripQualifier(*having, source_alias);
  }
  std::vector<const ast::Expression*> calls;
  for (const SelectExpression& item : select) {
    CollectAggregateCalls(item.expression, calls);
  }
  if (having.has_value()) {
    RejectWindowBounds(*having);
    CollectAggregateCalls(*having, calls);
  }
  if (calls.empty()) {
    // Binding reports unknown functions and columns first, as ksqlDB does.
    const ExpressionScope scope = InputScope(input, source_alias, "SELECT", input_scope);
    const ExpressionBinder binder(scope, catalog, functions);
    for (const SelectExpression& item : select) {
      binder.Bind(item.expression);
    }
    Fail("GROUP BY requires aggregate functions in either the SELECT or HAVING clause.",
         query.span);
  }

  if (!query.group_by.has_value()) {
    std::vector<const ast::Expression*> ungrouped;
    for (const SelectExpression& item : select) {
      CollectUngrouped(item.expression, grouped, windowed, ungrouped);
    }
    if (ungrouped.empty()) {
      const auto& call = *calls.front()->As<ast::FunctionCall>();
      const std::string text =
          call.star ? call.name.value + "(ROWTIME)" : parser::FormatExpression(*calls.front());
      Fail("CREATE TABLE AS SELECT statement does not support aggregate function [" + text +
               "] without a GROUP BY clause.",
           query.span);
    }
  }

  // Every selected column is grouped or aggregated.
  std::vector<std::string> ungrouped_items;
  for (const SelectExpression& item : select) {
    std::vector<const ast::Expression*> ungrouped;
    CollectUngrouped(item.expression, grouped, windowed, ungrouped);
    if (!ungrouped.empty()) {
      ungrouped_items.push_back(MessageText(item.expression));
    }
  }
  if (!ungrouped_items.empty()) {
    Fail("Non-aggregate SELECT expression(s) not part of GROUP BY: " +
             JoinNames(ungrouped_items, ", ") +
             "\nEither add the column(s) to the GROUP BY or remove them from the SELECT.",
         query.span);
  }
  if (having.has_value()) {
    std::vector<const ast::Expression*> ungrouped;
    CollectUngrouped(*having, grouped, windowed, ungrouped);
    if (!ungrouped.empty()) {
      Fail("Non-aggregate HAVING expression not part of GROUP BY: " +
               MessageText(*ungrouped.front()),
           ungrouped.front()->span);
    }
  }

  // Key columns: each GROUP BY expression takes the name of the SELECT item that repeats it.
  std::vector<std::string> taken;
  for (const SelectExpression& item : select) {
    if (item.alias.has_value()) {
      taken.push_back(*item.alias);
    }
  }
  ColumnNamer namer(std::move(taken));
  std::vector<std::string> item_names;
  for (const SelectExpression& item : select) {
    item_names.push_back(item.alias.has_value() ? *item.alias : namer.NameFor(item.expression));
  }
  std::vector<std::optional<size_t>> key_item(group_by.size());
  std::vector<bool> item_is_key(select.size(), false);
  for (size_t k = 0; k < group_by.size(); ++k) {
    for (size_t s = 0; s < select.size(); ++s) {
      if (!(select[s].expression == group_by[k])) {
        continue;
      }
      if (key_item[k].has_value()) {
        Fail("The projection contains a key column more than once: `" + item_names[*key_item[k]] +
                 "` and `" + item_names[s] + "`.",
             select[s].span);
      }
      key_item[k] = s;
      item_is_key[s] = true;
    }
  }
  std::vector<std::string> missing;
  for (size_t k = 0; k < group_by.size(); ++k) {
    if (!key_item[k].has_value()) {
      missing.push_back(parser::FormatExpression(group_by[k]));
    }
  }
  if (!missing.empty()) {
    std::string example;
    for (const std::string& name : missing) {
      example += (example.empty() ? "" : ", ") + name;
    }
    Fail("The query used to build `" + sink_name + "` must include the grouping expression" +
             (missing.size() > 1 ? "s " : " ") + JoinNames(missing, " and ") +
             " in its projection (eg, SELECT " + example + "...).",
         query.span);
  }

  // The aggregation: keys over the input row, then the calls.
  const ExpressionScope group_scope = InputScope(input, source_alias, "GROUP BY", input_scope);
  const ExpressionBinder group_binder(group_scope, catalog, functions);
  std::vector<Column> schema_columns;
  for (size_t k = 0; k < group_by.size(); ++k) {
    expr::BoundExpressionPtr key = group_binder.Bind(group_by[k]);
    if (!key->type) {
      Fail(
          "Can't infer a type of null. Please explicitly cast it to a required type, e.g. "
          "CAST(null AS VARCHAR).",
          group_by[k].span);
    }
    const std::string& name = item_names[*key_item[k]];
    schema_columns.push_back({name, key->type, ColumnNamespace::kKey, ""});
    aggregation.group_by.push_back({name, std::move(key), ColumnNamespace::kKey});
  }
  const ExpressionScope call_scope = InputScope(input, source_alias, "SELECT", input_scope);
  const ExpressionBinder call_binder(call_scope, catalog, functions);
  for (size_t c = 0; c < calls.size(); ++c) {
    aggregation.aggregates.push_back(BindAggregateCall(*calls[c], call_binder, config));
    schema_columns.push_back({"KSQL_AGG_VARIABLE_" + std::to_string(c),
                              aggregation.aggregates.back().function->result_type(),
                              ColumnNamespace::kValue,
                              ""});
  }
  if (table_input) {
    RejectUndoless(aggregation.aggregates, query.span);
  }
  if (windowed) {
    schema_columns.push_back({"WINDOWSTART", SqlType::Bigint(), ColumnNamespace::kValue, ""});
    schema_columns.push_back({"WINDOWEND", SqlType::Bigint(), ColumnNamespace::kValue, ""});
  }
  aggregation.schema = LogicalSchema(std::move(schema_columns));

  // What SELECT and HAVING see: GROUP BY expressions and aggregate calls become columns.
  ExpressionScope output_scope;
  output_scope.allow_pseudocolumns = false;
  for (size_t k = 0; k < group_by.size(); ++k) {
    const Column& column = aggregation.schema.columns()[k];
    output_scope.replacements.push_back({&group_by[k], k, nullptr});
    if (const auto* reference = group_by[k].As<ast::ColumnReference>()) {
      const std::string source =
          reference->qualifier.has_value() ? reference->qualifier->value : source_alias;
      output_scope.columns.push_back({source, reference->name.value, k, column.type});
    } else {
      output_scope.columns.push_back({"", column.name, k, column.type});
    }
  }
  for (size_t c = 0; c < calls.size(); ++c) {
    const size_t index = group_by.size() + c;
    output_scope.replacements.push_back({calls[c], index, nullptr});
    output_scope.columns.push_back({"",
                                    aggregation.schema.columns()[index].name,
                                    index,
                                    aggregation.schema.columns()[index].type});
  }
  if (flink_window.has_value()) {
    const size_t start_index = group_by.size() + calls.size();
    for (const ast::Expression& start : flink_window->starts) {
      output_scope.replacements.push_back({&start, start_index, SqlType::Timestamp()});
    }
    for (const ast::Expression& end : flink_window->ends) {
      output_scope.replacements.push_back({&end, start_index + 1, SqlType::Timestamp()});
    }
  }
  if (windowed) {
    for (size_t w = 0; w < 2; ++w) {
      const size_t index = group_by.size() + calls.size() + w;
      output_scope.columns.push_back(
          {"", aggregation.schema.columns()[index].name, index, SqlType::Bigint()});
    }
  }
  if (having.has_value()) {
    output_scope.clause = "HAVING";
    const ExpressionBinder having_binder(output_scope, catalog, functions);
    aggregation.having = having_binder.BindCondition(*having, "HAVING");
  }
  output_scope.clause = "SELECT";
  const ExpressionBinder select_binder(output_scope, catalog, functions);
  for (size_t k = 0; k < group_by.size(); ++k) {
    expr::BoundExpression column;
    column.kind = expr::BoundKind::kColumn;
    column.index = k;
    column.type = aggregation.schema.columns()[k].type;
    bound.projection.push_back({aggregation.schema.columns()[k].name,
                                expr::MakeBound(std::move(column)),
                                ColumnNamespace::kKey});
  }
  for (size_t s = 0; s < select.size(); ++s) {
    if (item_is_key[s]) {
      const auto key = std::find(key_item.begin(), key_item.end(), std::optional<size_t>(s));
      bound.select_order.push_back(static_cast<size_t>(key - key_item.begin()));
      continue;
    }
    bound.select_order.push_back(bound.projection.size());
    expr::BoundExpressionPtr value = select_binder.Bind(select[s].expression);
    if (!value->type) {
      Fail(
          "Can't infer a type of null. Please explicitly cast it to a required type, e.g. "
          "CAST(null AS VARCHAR).",
          select[s].span);
    }
    bound.projection.push_back({item_names[s], std::move(value), ColumnNamespace::kValue});
  }
  if (bound.projection.size() == group_by.size()) {
    Fail("The projection contains no value columns.", query.span);
  }
  for (size_t i = group_by.size(); i < bound.projection.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (bound.projection[i].name == bound.projection[j].name) {
        Fail("Duplicate value columns found in schema: `" + bound.projection[i].name + "` " +
                 bound.projection[i].expression->type->ToString(),
             query.span);
      }
    }
  }
  return bound;
}

}  // namespace fluxo::planner
