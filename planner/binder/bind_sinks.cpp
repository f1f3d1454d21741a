#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/binder/bind_query.h"
#include "planner/binder/bind_select.h"
#include "planner/binder/source_properties.h"
#include "planner/physical/physical_plan.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

// True for PARTITION BY NULL: the result has no key columns.
bool PartitionsByNull(const ast::Query& query) {
  return query.partition_by.has_value() && query.partition_by->size() == 1 &&
         query.partition_by->front().Is<ast::NullLiteral>();
}

// A windowed aggregation writes windowed keys; a value format must hold the aggregate states
// (ksqlDB checks the intermediate types: DELIMITED has no ARRAY or STRUCT).
void CheckAggregationSink(const LogicalAggregation& aggregation,
                          SourceDescription& sink,
                          const SourceSpan& span) {
  if (aggregation.window.has_value()) {
    WindowInfo window;
    switch (aggregation.window->kind) {
      case window::WindowKind::kTumbling:
        window.type = WindowType::kTumbling;
        window.size_ms = aggregation.window->size_ms;
        break;
      case window::WindowKind::kHopping:
        window.type = WindowType::kHopping;
        window.size_ms = aggregation.window->size_ms;
        break;
      case window::WindowKind::kSession:
        window.type = WindowType::kSession;
        break;
    }
    sink.window = window;
  }
  if (sink.value_format.kind != FormatKind::kDelimited) {
    return;
  }
  for (const AggregateCall& call : aggregation.aggregates) {
    const TypeKind kind = call.function->intermediate_type()->kind();
    if (kind == TypeKind::kArray || kind == TypeKind::kStruct || kind == TypeKind::kMap) {
      Fail(
          "One of the functions used in the statement has an intermediate type that the value "
          "format can not handle. Please remove the function or change the format.",
          span);
    }
  }
}

// Flink's INSERT INTO a table declared with 'connector' = 'kafka': the result must be
// append-only (Flink's Kafka sink takes no updates), so a stream or an aggregation that emits
// each window once (Flink's group windows, EMIT FINAL); its columns, in SELECT order, go to the
// sink's columns by position, whatever their names, and must have the sink's types. The plan's
// projection is rewritten into the sink's columns: a grouping key becomes a plain column, as
// Flink's sink writes no record key unless the table declares one.
void MatchFlinkSink(LogicalPlan& plan, const SourceDescription& target, const SourceSpan& span) {
  const bool updates = plan.aggregation.has_value()
                           ? !(plan.aggregation->window.has_value() && plan.aggregation->emit_final)
                           : plan.source.type == SourceType::kTable;
  if (updates) {
    Fail("Table sink '" + target.name +
             "' doesn't support consuming update changes, which the query produces: aggregate "
             "per window (GROUP BY TUMBLE(time, INTERVAL ...)) or read a stream",
         span);
  }
  std::vector<ProjectedColumn> ordered;
  for (size_t i = 0; i < plan.projection.size(); ++i) {
    const size_t index = plan.select_order.empty() ? i : plan.select_order[i];
    ordered.push_back(std::move(plan.projection[index]));
  }
  const std::vector<Column>& sink_columns = target.schema.columns();
  const auto mismatch = [&](const std::string& cause) {
    std::string query_schema;
    for (const ProjectedColumn& column : ordered) {
      query_schema += (query_schema.empty() ? "" : ", ") + column.name + ": " +
                      column.expression->type->ToString();
    }
    std::string sink_schema;
    for (const Column& column : sink_columns) {
      sink_schema +=
          (sink_schema.empty() ? "" : ", ") + column.name + ": " + column.type->ToString();
    }
    Fail("Column types of query result and sink for '" + target.name + "' do not match.\n" +
             "Cause: " + cause + "\n\nQuery schema: [" + query_schema + "]\nSink schema:  [" +
             sink_schema + "]",
         span);
  };
  if (ordered.size() != sink_columns.size()) {
    mismatch("Different number of columns.");
  }
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (!SameType(ordered[i].expression->type, sink_columns[i].type)) {
      mismatch("Incompatible types for sink column '" + sink_columns[i].name + "' at position " +
               std::to_string(i) + ".");
    }
    ordered[i].name = sink_columns[i].name;
    ordered[i].column_namespace = sink_columns[i].column_namespace;
  }
  plan.projection = std::move(ordered);
  plan.select_order.clear();
  plan.output_schema = target.schema;
}

}  // namespace

LogicalPlan BindCreateSourceAs(const ast::CreateSourceAs& create,
                               const Catalog& catalog,
                               const functions::FunctionRegistry& functions,
                               const std::string& statement_text,
                               int32_t source_partitions,
                               const QueryBindOptions& options) {
  const std::string& sink_name = create.name.value;
  LogicalPlan plan =
      BindSelect(create.query, catalog, functions, sink_name, options, /*transient=*/false);
  const bool table_result = plan.source.type == SourceType::kTable || plan.aggregation.has_value();
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
  if (PartitionsByNull(create.query) && properties.key_format.has_value() &&
      *properties.key_format != FormatKind::kNone) {
    Fail("Key format specified for stream without key columns.", create.name.span);
  }
  if (!has_key) {
    sink.key_format = FormatSpec{FormatKind::kNone, ',', std::nullopt};
  } else if (sink.key_format.kind == FormatKind::kNone) {
    // A keyless source gets keys from PARTITION BY: the default key format (ksqlDB's
    // ksql.persistence.default.format.key), which carries one column only.
    sink.key_format = FormatSpec{options.default_key_format, ',', std::nullopt};
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
  if (plan.aggregation.has_value()) {
    CheckAggregationSink(*plan.aggregation, sink, create.query.span);
  } else {
    sink.window = plan.source.window;  // A windowed source's rows keep their windowed keys.
  }
  plan.sink.creates_source = true;
  plan.sink.partitions = properties.partitions.value_or(source_partitions);
  return plan;
}

LogicalPlan BindInsertInto(const ast::InsertInto& insert,
                           const Catalog& catalog,
                           const functions::FunctionRegistry& functions,
                           const QueryBindOptions& options) {
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
  LogicalPlan plan =
      BindSelect(insert.query, catalog, functions, target->name, options, /*transient=*/false);
  if (target->flink) {
    MatchFlinkSink(plan, *target, insert.query.span);
  } else if (!(plan.output_schema == target->schema)) {
    Fail("Incompatible schema between results and sink.\nResult schema is " +
             DescribeSchema(plan.output_schema) + "\nSink schema is " +
             DescribeSchema(target->schema),
         insert.query.span);
  }
  plan.sink.description = *target;
  plan.sink.creates_source = false;
  return plan;
}

LogicalPlan BindPushQuery(const ast::Query& query,
                          const Catalog& catalog,
                          const functions::FunctionRegistry& functions,
                          const std::string& query_id,
                          const QueryBindOptions& options) {
  LogicalPlan plan = BindSelect(query, catalog, functions, query_id, options, /*transient=*/true);
  SourceDescription& sink = plan.sink.description;
  sink.name = query_id;
  sink.type = plan.source.type == SourceType::kTable || plan.aggregation.has_value()
                  ? SourceType::kTable
                  : SourceType::kStream;
  sink.schema = plan.output_schema;
  sink.topic = std::string(kTransientTopicPrefix) + query_id;
  const bool has_key = !sink.schema.IndexesIn(ColumnNamespace::kKey).empty();
  sink.key_format = FormatSpec{has_key ? FormatKind::kJson : FormatKind::kNone, ',', std::nullopt};
  sink.value_format = FormatSpec{FormatKind::kJson, ',', std::nullopt};
  if (plan.aggregation.has_value()) {
    CheckAggregationSink(*plan.aggregation, sink, query.span);
  }
  plan.sink.creates_source = false;
  plan.sink.partitions = 1;
  return plan;
}

}  // namespace fluxo::planner
