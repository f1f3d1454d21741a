#include "cli/shell/ksql_entity_reader.h"

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "runtime/core/error.h"

namespace fluxo::cli::shell {
namespace {

using json = nlohmann::json;
using engine::StatementResult;

/// Returns `value` as text: a string as it is, null as "", other values as JSON.
std::string ValueText(const json& value) {
  if (value.is_null()) {
    return "";
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

/// Returns member `name` of `object` as ValueText does ("" when missing).
std::string Text(const json& object, const char* name) {
  const auto found = object.find(name);
  return found == object.end() ? "" : ValueText(*found);
}

const json& Array(const json& object, const char* name) {
  static const json kEmpty = json::array();
  const auto found = object.find(name);
  return found != object.end() && found->is_array() ? *found : kEmpty;
}

/// Returns member `name` of `object` when it is an object, else an empty object.
const json& Object(const json& object, const char* name) {
  static const json kEmpty = json::object();
  const auto found = object.find(name);
  return found != object.end() && found->is_object() ? *found : kEmpty;
}

StatementResult Table(const json& entity, std::vector<std::string> columns) {
  StatementResult result;
  result.kind = StatementResult::Kind::kTable;
  result.statement_text = Text(entity, "statementText");
  result.columns = std::move(columns);
  return result;
}

/// The SQL text of a schema as source_description_json.cpp writes it:
/// `{"type":"ARRAY","memberSchema":{...}}`, `{"type":"DECIMAL","parameters":{...}}`, ...
std::string SchemaText(const json& schema) {
  const std::string type = Text(schema, "type");
  if (type == "ARRAY") {
    return "ARRAY<" + SchemaText(Object(schema, "memberSchema")) + ">";
  }
  if (type == "MAP") {
    return "MAP<STRING, " + SchemaText(Object(schema, "memberSchema")) + ">";
  }
  if (type == "STRUCT") {
    std::string text = "STRUCT<";
    bool first = true;
    for (const json& field : Array(schema, "fields")) {
      text += first ? "" : ", ";
      first = false;
      text += "`" + Text(field, "name") + "` " + SchemaText(Object(field, "schema"));
    }
    return text + ">";
  }
  if (type == "DECIMAL") {
    const json parameters = Object(schema, "parameters");
    return "DECIMAL(" + Text(parameters, "precision") + ", " + Text(parameters, "scale") + ")";
  }
  return type;
}

/// SHOW STREAMS / TABLES and DESCRIBE STREAMS / TABLES rows.
void AddSourceRows(const json& sources, StatementResult& result) {
  for (const json& source : sources) {
    const bool windowed = source.value("isWindowed", false) ||
                          (source.contains("windowType") && !source["windowType"].is_null());
    result.rows.push_back({Text(source, "name"),
                           Text(source, "topic"),
                           Text(source, "keyFormat"),
                           Text(source, "valueFormat"),
                           windowed ? "true" : "false"});
  }
}

StatementResult SourceDescription(const json& entity) {
  const json description = Object(entity, "sourceDescription");
  StatementResult result = Table(entity, {"Field", "Type"});
  for (const json& field : Array(description, "fields")) {
    std::string type = SchemaText(Object(field, "schema"));
    const std::string role = Text(field, "type");
    if (role == "KEY") {
      type += " (key)";
    } else if (role == "HEADER") {
      type += field.contains("headerKey") ? " (header('" + Text(field, "headerKey") + "'))"
                                          : " (headers)";
    }
    result.rows.push_back({Text(field, "name"), type});
  }
  if (description.value("extended", false)) {
    const std::string timestamp = Text(description, "timestamp");
    result.notices = {"Type: " + Text(description, "type"),
                      "Kafka topic: " + Text(description, "topic") +
                          " (partitions: " + Text(description, "partitions") + ")",
                      "Key format: " + Text(description, "keyFormat"),
                      "Value format: " + Text(description, "valueFormat"),
                      "Timestamp field: " + (timestamp.empty() ? "Not set" : timestamp),
                      "Statement: " + Text(description, "statement")};
  }
  return result;
}

StatementResult Queries(const json& entity) {
  StatementResult result =
      Table(entity,
            {"Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic", "Query String"});
  for (const json& query : Array(entity, "queries")) {
    std::string status;
    for (const auto& [state, count] : Object(query, "statusCount").items()) {
      status += (status.empty() ? "" : " ") + state + ":" + count.dump();
    }
    const json& sinks = Array(query, "sinks");
    const json& topics = Array(query, "sinkKafkaTopics");
    result.rows.push_back({Text(query, "id"),
                           Text(query, "queryType"),
                           status,
                           sinks.empty() ? "" : ValueText(sinks[0]),
                           topics.empty() ? "" : ValueText(topics[0]),
                           Text(query, "queryString")});
  }
  return result;
}

/// A table of two members of each element of list `member`.
StatementResult Pairs(const json& entity,
                      const char* member,
                      std::vector<std::string> columns,
                      const char* first,
                      const char* second) {
  StatementResult result = Table(entity, std::move(columns));
  for (const json& item : Array(entity, member)) {
    result.rows.push_back({Text(item, first), Text(item, second)});
  }
  return result;
}

StatementResult Entity(const json& entity) {
  const std::string type = Text(entity, "@type");
  if (type == "currentStatus") {
    const json status = Object(entity, "commandStatus");
    StatementResult result = StatementResult::Message(Text(status, "message"));
    result.statement_text = Text(entity, "statementText");
    result.query_id = Text(status, "queryId");
    for (const json& warning : Array(entity, "warnings")) {
      result.notices.push_back(Text(warning, "message"));
    }
    return result;
  }
  if (type == "streams" || type == "tables") {
    StatementResult result = Table(entity,
                                   {type == "streams" ? "Stream Name" : "Table Name",
                                    "Kafka Topic",
                                    "Key Format",
                                    "Value Format",
                                    "Windowed"});
    AddSourceRows(Array(entity, type.c_str()), result);
    return result;
  }
  if (type == "source_descriptions") {
    StatementResult result =
        Table(entity, {"Name", "Kafka Topic", "Key Format", "Value Format", "Windowed"});
    AddSourceRows(Array(entity, "sourceDescriptions"), result);
    return result;
  }
  if (type == "sourceDescription") {
    return SourceDescription(entity);
  }
  if (type == "queries") {
    return Queries(entity);
  }
  if (type == "properties") {
    return Pairs(entity, "properties", {"Property", "Value"}, "name", "value");
  }
  if (type == "variables") {
    return Pairs(entity, "variables", {"Variable Name", "Value"}, "name", "value");
  }
  if (type == "function_names") {
    return Pairs(entity, "functions", {"Function Name", "Category"}, "name", "category");
  }
  if (type == "kafka_topics") {
    StatementResult result = Table(entity, {"Kafka Topic", "Partitions"});
    for (const json& topic : Array(entity, "topics")) {
      result.rows.push_back(
          {Text(topic, "name"), std::to_string(Array(topic, "replicaInfo").size())});
    }
    return result;
  }
  if (type == "type_list") {
    StatementResult result = Table(entity, {"Type Name", "Schema"});
    for (const auto& [name, schema] : Object(entity, "types").items()) {
      result.rows.push_back({name, SchemaText(schema)});
    }
    return result;
  }
  if (type == "describe_function") {
    StatementResult result = Table(entity, {"Name", "Category", "Description"});
    result.rows.push_back(
        {Text(entity, "name"), Text(entity, "type"), Text(entity, "description")});
    for (const json& function : Array(entity, "functions")) {
      result.notices.push_back(Text(function, "description"));
    }
    return result;
  }
  if (type == "queryDescription") {
    StatementResult result = Table(entity, {"Execution plan"});
    const std::string plan = Text(Object(entity, "queryDescription"), "executionPlan");
    size_t begin = 0;
    while (begin < plan.size()) {
      size_t end = plan.find('\n', begin);
      end = end == std::string::npos ? plan.size() : end;
      result.rows.push_back({plan.substr(begin, end - begin)});
      begin = end + 1;
    }
    return result;
  }
  StatementResult result = StatementResult::Message(entity.dump(2));
  result.statement_text = Text(entity, "statementText");
  return result;
}

}  // namespace

std::vector<StatementResult> ReadKsqlEntities(std::string_view body) {
  const json entities = json::parse(body, nullptr, false);
  if (!entities.is_array()) {
    throw Error(
        ErrorKind::kIo,
        "The server's answer is not a list of entities: " + std::string(body.substr(0, 200)));
  }
  std::vector<StatementResult> results;
  for (const json& entity : entities) {
    if (entity.is_object()) {
      results.push_back(Entity(entity));
    }
  }
  return results;
}

}  // namespace fluxo::cli::shell
