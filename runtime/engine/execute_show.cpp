// SHOW, DESCRIBE and EXPLAIN: answers as tables of strings for the front ends to render.

#include <algorithm>
#include <sstream>
#include <utility>

#include "parser/parser.h"
#include "planner/binder/bind_query.h"
#include "planner/physical/physical_plan.h"
#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/core/error.h"
#include "runtime/engine/engine_properties.h"
#include "runtime/engine/engine_state.h"
#include "runtime/functions/function_registry.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::engine {

namespace {

StatementResult Table(std::vector<std::string> columns) {
  StatementResult result;
  result.kind = StatementResult::Kind::kTable;
  result.columns = std::move(columns);
  return result;
}

std::string ColumnType(const Column& column) {
  std::string text = column.type->ToString();
  if (column.column_namespace == ColumnNamespace::kKey) {
    text += " (key)";
  } else if (column.column_namespace == ColumnNamespace::kHeaders) {
    text += " (headers)";
  } else if (column.column_namespace == ColumnNamespace::kHeader) {
    text += " (header('" + column.header_key + "'))";
  }
  return text;
}

void AddSourceRows(const planner::Catalog& catalog,
                   planner::SourceType type,
                   StatementResult& result) {
  for (const planner::SourceDescription* source : catalog.ListSources(type)) {
    result.rows.push_back({source->name,
                           source->topic,
                           serde::FormatName(source->key_format.kind),
                           serde::FormatName(source->value_format.kind),
                           source->window.has_value() ? "true" : "false"});
  }
}

}  // namespace

StatementResult ExecuteShow(EngineState& state, const ast::Show& show) {
  switch (show.what) {
    case ast::ShowKind::kStreams: {
      StatementResult result =
          Table({"Stream Name", "Kafka Topic", "Key Format", "Value Format", "Windowed"});
      AddSourceRows(state.catalog, planner::SourceType::kStream, result);
      return result;
    }
    case ast::ShowKind::kTables: {
      StatementResult result =
          Table({"Table Name", "Kafka Topic", "Key Format", "Value Format", "Windowed"});
      AddSourceRows(state.catalog, planner::SourceType::kTable, result);
      return result;
    }
    case ast::ShowKind::kTopics: {
      StatementResult result = Table({"Kafka Topic", "Partitions"});
      for (const std::string& topic : state.topics->ListTopics()) {
        result.rows.push_back({topic, std::to_string(state.topics->PartitionCount(topic))});
      }
      return result;
    }
    case ast::ShowKind::kQueries: {
      StatementResult result = Table(
          {"Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic", "Query String"});
      for (const auto& query : state.queries) {
        result.rows.push_back({query->id(),
                               "PERSISTENT",
                               query->failed() ? "ERROR:1 (" + query->error() + ")" : "RUNNING:1",
                               query->plan().sink.sink.name,
                               query->plan().sink.sink.topic,
                               query->statement()});
      }
      return result;
    }
    case ast::ShowKind::kProperties: {
      StatementResult result = Table({"Property", "Value"});
      for (const auto& [name, value] : state.properties) {
        result.rows.push_back(
            {name, IsSecretProperty(name) ? std::string(kHiddenPropertyValue) : value});
      }
      return result;
    }
    case ast::ShowKind::kFunctions: {
      // Scalar functions and aggregates, sorted by name, as ksqlDB lists them.
      std::vector<functions::FunctionDescription> all = state.functions->List();
      for (functions::FunctionDescription& aggregate :
           aggregates::AggregateRegistry::BuiltIn().List()) {
        all.push_back(std::move(aggregate));
      }
      std::sort(all.begin(), all.end(), [](const auto& left, const auto& right) {
        return left.name < right.name;
      });
      StatementResult result = Table({"Function Name", "Category"});
      for (const auto& function : all) {
        result.rows.push_back({function.name, function.category});
      }
      return result;
    }
    case ast::ShowKind::kTypes: {
      StatementResult result = Table({"Type Name", "Schema"});
      for (const auto& [name, type] : state.catalog.types()) {
        result.rows.push_back({name, type->ToString()});
      }
      return result;
    }
    case ast::ShowKind::kVariables: {
      StatementResult result = Table({"Variable Name", "Value"});
      for (const auto& [name, value] : state.variables) {
        result.rows.push_back({name, value});
      }
      return result;
    }
  }
  throw Error(ErrorKind::kInternal, "Unknown SHOW");
}

StatementResult ExecuteDescribeSource(EngineState& state, const ast::DescribeSource& describe) {
  const planner::SourceDescription* source = state.catalog.FindSource(describe.name.value);
  if (source == nullptr) {
    std::string message =
        "Could not find STREAM/TABLE '" + describe.name.value + "' in the Metastore";
    if (const std::string suggestion = state.catalog.SuggestSource(describe.name.value);
        !suggestion.empty()) {
      message += ". Did you mean " + suggestion + "?";
    }
    throw Error(ErrorKind::kBinding, message, describe.name.span);
  }
  StatementResult result = Table({"Field", "Type"});
  for (const Column& column : source->schema.columns()) {
    result.rows.push_back({column.name, ColumnType(column)});
  }
  if (describe.extended) {
    result.notices.push_back(std::string("Type: ") + planner::SourceTypeName(source->type));
    result.notices.push_back("Kafka topic: " + source->topic + " (partitions: " +
                             std::to_string(state.topics->PartitionCount(source->topic)) + ")");
    result.notices.push_back(std::string("Key format: ") +
                             serde::FormatName(source->key_format.kind));
    result.notices.push_back(std::string("Value format: ") +
                             serde::FormatName(source->value_format.kind));
    result.notices.push_back("Timestamp field: " + source->timestamp_column.value_or("Not set"));
    result.notices.push_back("Statement: " + source->statement);
  }
  return result;
}

StatementResult ExecuteDescribeSources(EngineState& state, const ast::DescribeSources& describe) {
  StatementResult result = Table({"Name", "Kafka Topic", "Key Format", "Value Format", "Windowed"});
  AddSourceRows(state.catalog,
                describe.kind == ast::SourceKind::kTable ? planner::SourceType::kTable
                                                         : planner::SourceType::kStream,
                result);
  return result;
}

StatementResult ExecuteDescribeFunction(EngineState& state, const ast::DescribeFunction& describe) {
  auto function = state.functions->Describe(describe.name.value);
  if (!function.has_value()) {
    function = aggregates::AggregateRegistry::BuiltIn().Describe(describe.name.value);
  }
  if (!function.has_value()) {
    throw Error(ErrorKind::kBinding,
                "Can't find any functions with the name '" + describe.name.value + "'",
                describe.name.span);
  }
  StatementResult result = Table({"Name", "Category", "Description"});
  result.rows.push_back({function->name, function->category, function->description});
  result.notices = function->signatures;
  return result;
}

StatementResult ExecuteExplain(EngineState& state, const ast::Explain& explain) {
  StatementResult result = Table({"Execution plan"});
  const auto add_lines = [&](const std::string& text) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      result.rows.push_back({line});
    }
  };
  if (explain.query_id.has_value()) {
    for (const auto& query : state.queries) {
      if (query->id() == explain.query_id->value) {
        add_lines(planner::ExplainPlan(query->plan()));
        return result;
      }
    }
    throw Error(ErrorKind::kPlanning,
                "Query with id:" + explain.query_id->value + " does not exist",
                explain.query_id->span);
  }
  const ast::Statement& statement = **explain.statement;
  if (const auto* create = statement.As<ast::CreateSourceAs>()) {
    const planner::LogicalPlan logical =
        planner::BindCreateSourceAs(*create, state.catalog, *state.functions, "", 1);
    add_lines(planner::ExplainPlan(planner::PlanPhysical(logical, "EXPLAIN")));
    return result;
  }
  if (const auto* insert = statement.As<ast::InsertInto>()) {
    const planner::LogicalPlan logical =
        planner::BindInsertInto(*insert, state.catalog, *state.functions);
    add_lines(planner::ExplainPlan(planner::PlanPhysical(logical, "EXPLAIN")));
    return result;
  }
  throw Error(ErrorKind::kPlanning,
              "EXPLAIN is supported for CREATE ... AS SELECT, INSERT INTO ... SELECT and query ids",
              statement.span);
}

}  // namespace fluxo::engine
