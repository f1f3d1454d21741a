#include "cli/server/ksql_entities.h"

#include <map>
#include <utility>
#include <vector>

#include "cli/server/source_description_json.h"
#include "planner/catalog/catalog.h"
#include "runtime/core/error.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

const char* SourceKindName(ast::SourceKind kind) {
  return kind == ast::SourceKind::kTable ? "table" : "stream";
}

// ksqlDB's CommandId: "<type>/<entity>/<action>".
std::optional<std::string> CommandId(const ast::Statement& statement, engine::Engine& engine) {
  const auto source_id = [](const char* type, const std::string& name, const char* action) {
    return std::string(type) + "/`" + name + "`/" + action;
  };
  if (const auto* create = statement.As<ast::CreateSource>()) {
    return source_id(SourceKindName(create->kind), create->name.value, "create");
  }
  if (const auto* create = statement.As<ast::CreateSourceAs>()) {
    return source_id(SourceKindName(create->kind), create->name.value, "create");
  }
  if (const auto* insert = statement.As<ast::InsertInto>()) {
    const planner::SourceDescription* target = engine.catalog().FindSource(insert->target.value);
    const bool table = target != nullptr && target->type == planner::SourceType::kTable;
    return source_id(table ? "table" : "stream", insert->target.value, "create");
  }
  if (const auto* drop = statement.As<ast::DropSource>()) {
    return source_id(SourceKindName(drop->kind), drop->name.value, "drop");
  }
  if (const auto* alter = statement.As<ast::AlterSource>()) {
    return source_id(SourceKindName(alter->kind), alter->name.value, "alter");
  }
  if (const auto* create = statement.As<ast::CreateType>()) {
    return "type/`" + create->name.value + "`/create";
  }
  if (const auto* drop = statement.As<ast::DropType>()) {
    return "type/`" + drop->name.value + "`/drop";
  }
  if (const auto* control = statement.As<ast::QueryControl>()) {
    return "terminate/" + (control->query_id.has_value() ? control->query_id->value : "ALL") +
           "/execute";
  }
  return std::nullopt;
}

json CurrentStatus(const std::string& command_id,
                   const std::string& statement_text,
                   const engine::StatementResult& result,
                   CommandLog& commands) {
  const int64_t sequence = commands.Record(command_id, CommandOutcome{"SUCCESS", result.message});
  json warnings = json::array();
  for (const std::string& notice : result.notices) {
    warnings.push_back({{"message", notice}});
  }
  return {{"@type", "currentStatus"},
          {"statementText", statement_text},
          {"commandId", command_id},
          {"commandStatus",
           {{"status", "SUCCESS"},
            {"message", result.message},
            {"queryId", result.query_id.empty() ? json() : json(result.query_id)}}},
          {"commandSequenceNumber", sequence},
          {"warnings", std::move(warnings)}};
}

// An entity of `type` holding `list` under `member`.
json ListEntity(const char* type,
                const std::string& statement_text,
                const char* member,
                json list) {
  return {{"@type", type},
          {"statementText", statement_text},
          {member, std::move(list)},
          {"warnings", json::array()}};
}

json SourceList(engine::Engine& engine, planner::SourceType type) {
  json list = json::array();
  for (const planner::SourceDescription* source : engine.catalog().ListSources(type)) {
    list.push_back(SourceSummaryJson(*source));
  }
  return list;
}

json SourceDescriptions(engine::Engine& engine,
                        planner::SourceType type,
                        bool extended,
                        const std::string& statement_text) {
  json list = json::array();
  for (const planner::SourceDescription* source : engine.catalog().ListSources(type)) {
    list.push_back(SourceDescriptionJson(*source, extended, engine));
  }
  return ListEntity("source_descriptions", statement_text, "sourceDescriptions", std::move(list));
}

// The cells of a SHOW result row by column name.
std::map<std::string, std::string> Cells(const engine::StatementResult& result,
                                         const std::vector<std::string>& row) {
  std::map<std::string, std::string> cells;
  for (size_t i = 0; i < result.columns.size() && i < row.size(); ++i) {
    cells[result.columns[i]] = row[i];
  }
  return cells;
}

json QueriesEntity(const engine::StatementResult& result, const std::string& statement_text) {
  json queries = json::array();
  for (const auto& row : result.rows) {
    auto cells = Cells(result, row);
    // "RUNNING:1" or "ERROR:1 (reason)".
    const std::string status = cells["Status"];
    const std::string state = status.substr(0, status.find(':'));
    queries.push_back({{"queryString", cells["Query String"]},
                       {"sinks", json::array({cells["Sink Name"]})},
                       {"sinkKafkaTopics", json::array({cells["Sink Kafka Topic"]})},
                       {"id", cells["Query ID"]},
                       {"statusCount", {{state, 1}}},
                       {"queryType", cells["Query Type"]},
                       {"state", state}});
  }
  return ListEntity("queries", statement_text, "queries", std::move(queries));
}

json ShowEntity(const ast::Show& show,
                const std::string& statement_text,
                const engine::StatementResult& result,
                engine::Engine& engine) {
  switch (show.what) {
    case ast::ShowKind::kStreams:
      return show.extended
                 ? SourceDescriptions(engine, planner::SourceType::kStream, true, statement_text)
                 : ListEntity("streams",
                              statement_text,
                              "streams",
                              SourceList(engine, planner::SourceType::kStream));
    case ast::ShowKind::kTables:
      return show.extended
                 ? SourceDescriptions(engine, planner::SourceType::kTable, true, statement_text)
                 : ListEntity("tables",
                              statement_text,
                              "tables",
                              SourceList(engine, planner::SourceType::kTable));
    case ast::ShowKind::kQueries:
      return QueriesEntity(result, statement_text);
    case ast::ShowKind::kProperties: {
      json properties = json::array();
      for (const auto& row : result.rows) {
        properties.push_back({{"name", row.at(0)}, {"scope", "KSQL"}, {"value", row.at(1)}});
      }
      json entity = ListEntity("properties", statement_text, "properties", std::move(properties));
      entity["overwrittenProperties"] = json::array();
      entity["defaultProperties"] = json::array();
      return entity;
    }
    case ast::ShowKind::kTopics: {
      json topics = json::array();
      for (const auto& row : result.rows) {
        const int partitions = std::stoi(row.at(1));
        topics.push_back(
            {{"name", row.at(0)},
             {"replicaInfo", json(std::vector<int>(static_cast<size_t>(partitions), 1))}});
      }
      return ListEntity("kafka_topics", statement_text, "topics", std::move(topics));
    }
    case ast::ShowKind::kFunctions: {
      json functions = json::array();
      for (const auto& row : result.rows) {
        functions.push_back({{"name", row.at(0)}, {"type", "SCALAR"}, {"category", row.at(1)}});
      }
      return ListEntity("function_names", statement_text, "functions", std::move(functions));
    }
    case ast::ShowKind::kTypes: {
      json types = json::object();
      for (const auto& [name, type] : engine.catalog().types()) {
        types[name] = SchemaJson(*type);
      }
      return ListEntity("type_list", statement_text, "types", std::move(types));
    }
    case ast::ShowKind::kVariables: {
      json variables = json::array();
      for (const auto& row : result.rows) {
        variables.push_back({{"name", row.at(0)}, {"value", row.at(1)}});
      }
      return ListEntity("variables", statement_text, "variables", std::move(variables));
    }
  }
  throw Error(ErrorKind::kInternal, "Unknown SHOW kind");
}

json DescribeFunctionEntity(const std::string& statement_text,
                            const engine::StatementResult& result) {
  const std::vector<std::string> row =
      result.rows.empty() ? std::vector<std::string>(3) : result.rows.front();
  json functions = json::array();
  for (const std::string& signature : result.notices) {
    functions.push_back({{"arguments", json::array()},
                         {"returnType", ""},
                         {"description", signature},
                         {"argumentTypes", json::array()}});
  }
  return {{"@type", "describe_function"},
          {"statementText", statement_text},
          {"name", row.at(0)},
          {"description", row.at(2)},
          {"author", "fluxo"},
          {"version", ""},
          {"path", "internal"},
          {"type", "SCALAR"},
          {"functions", std::move(functions)},
          {"warnings", json::array()}};
}

json ExplainEntity(const ast::Explain& explain,
                   const std::string& statement_text,
                   const engine::StatementResult& result) {
  std::string plan;
  for (const auto& row : result.rows) {
    plan += row.empty() ? "" : row.front();
    plan += "\n";
  }
  return {{"@type", "queryDescription"},
          {"statementText", statement_text},
          {"queryDescription",
           {{"id", explain.query_id.has_value() ? explain.query_id->value : ""},
            {"statementText", statement_text},
            {"windowType", json()},
            {"fields", json::array()},
            {"sources", json::array()},
            {"sinks", json::array()},
            {"topology", ""},
            {"executionPlan", plan},
            {"overriddenProperties", json::object()},
            {"ksqlHostQueryStatus", json::object()},
            {"queryType", "PERSISTENT"},
            {"state", "RUNNING"}}},
          {"warnings", json::array()}};
}

}  // namespace

std::optional<json> KsqlEntity(const ast::Statement& statement,
                               const std::string& statement_text,
                               const engine::StatementResult& result,
                               engine::Engine& engine,
                               CommandLog& commands) {
  if (statement.Is<ast::InsertValues>() || statement.Is<ast::DefineVariable>() ||
      statement.Is<ast::UndefineVariable>()) {
    return std::nullopt;
  }
  if (const std::optional<std::string> command_id = CommandId(statement, engine)) {
    return CurrentStatus(*command_id, statement_text, result, commands);
  }
  if (const auto* show = statement.As<ast::Show>()) {
    return ShowEntity(*show, statement_text, result, engine);
  }
  if (const auto* describe = statement.As<ast::DescribeSource>()) {
    const planner::SourceDescription* source = engine.catalog().FindSource(describe->name.value);
    if (source == nullptr) {
      throw Error(ErrorKind::kBinding,
                  "Could not find STREAM/TABLE '" + describe->name.value + "'");
    }
    return json{{"@type", "sourceDescription"},
                {"statementText", statement_text},
                {"sourceDescription", SourceDescriptionJson(*source, describe->extended, engine)},
                {"warnings", json::array()}};
  }
  if (const auto* describe = statement.As<ast::DescribeSources>()) {
    return SourceDescriptions(engine,
                              describe->kind == ast::SourceKind::kTable
                                  ? planner::SourceType::kTable
                                  : planner::SourceType::kStream,
                              describe->extended,
                              statement_text);
  }
  if (statement.Is<ast::DescribeFunction>()) {
    return DescribeFunctionEntity(statement_text, result);
  }
  if (const auto* explain = statement.As<ast::Explain>()) {
    return ExplainEntity(*explain, statement_text, result);
  }
  // Anything else that ran (RUN SCRIPT, ...) reports its message as a command would.
  return CurrentStatus("statement/" + std::to_string(statement.span.offset) + "/execute",
                       statement_text,
                       result,
                       commands);
}

}  // namespace fluxo::cli::server
