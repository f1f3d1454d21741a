#include "cli/server/query_response_format.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "cli/server/json_text.h"
#include "runtime/core/error.h"
#include "runtime/serde/json_writer.h"

namespace fluxo::cli::server {

namespace {

// ksqlDB's schema text of a /query header: "`USER_ID` INTEGER, `PAGE` STRING".
std::string SchemaText(const std::vector<Column>& columns) {
  std::string text;
  for (const Column& column : columns) {
    if (!text.empty()) {
      text += ", ";
    }
    text += "`" + column.name + "` " + column.type->ToString();
  }
  return text;
}

}  // namespace

ValueList PushRowValues(const std::vector<Column>& columns, const engine::PushQueryRow& row) {
  ValueList values;
  values.reserve(columns.size());
  size_t key = 0;
  size_t value = 0;
  for (const Column& column : columns) {
    if (column.column_namespace == ColumnNamespace::kKey) {
      values.push_back(key < row.key.size() ? row.key[key] : Value::Null());
      ++key;
    } else if (column.column_namespace == ColumnNamespace::kValue) {
      values.push_back(value < row.values.size() ? row.values[value] : Value::Null());
      ++value;
    } else {
      values.push_back(Value::Null());
    }
  }
  return values;
}

std::string RowJsonArray(const std::vector<Column>& columns, const ValueList& values) {
  std::string text = "[";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) {
      text += ',';
    }
    const Value& value = i < values.size() ? values[i] : Value::Null();
    std::string cell;
    try {
      serde::AppendJsonValue(value, *columns[i].type, cell);
    } catch (const Error&) {
      cell = "null";  // A MAP with a NULL key has no JSON form; the topic skips such rows too.
    }
    text += cell;
  }
  text += ']';
  return text;
}

QueryResponseFormat::QueryResponseFormat(QueryResponseKind kind,
                                         std::vector<Column> columns,
                                         std::string query_id)
    : kind_(kind), columns_(std::move(columns)), query_id_(std::move(query_id)) {}

std::string QueryResponseFormat::content_type() const {
  return kind_ == QueryResponseKind::kDelimited ? "application/vnd.ksqlapi.delimited.v1"
                                                : "application/json";
}

std::string QueryResponseFormat::Header() const {
  if (kind_ == QueryResponseKind::kLegacyQuery) {
    nlohmann::ordered_json header = {{"queryId", query_id_}, {"schema", SchemaText(columns_)}};
    return "[" + JsonText(nlohmann::ordered_json{{"header", header}});
  }
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!query_id_.empty()) {
    header["queryId"] = query_id_;
  }
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  nlohmann::ordered_json types = nlohmann::ordered_json::array();
  for (const Column& column : columns_) {
    names.push_back(column.name);
    types.push_back(column.type->ToString());
  }
  header["columnNames"] = std::move(names);
  header["columnTypes"] = std::move(types);
  return kind_ == QueryResponseKind::kDelimited ? JsonText(header) + "\n" : "[" + JsonText(header);
}

std::string QueryResponseFormat::Row(const ValueList& values, bool tombstone) const {
  return RowOfJsonArray(RowJsonArray(columns_, values), tombstone);
}

std::string QueryResponseFormat::RowOfJsonArray(const std::string& row, bool tombstone) const {
  switch (kind_) {
    case QueryResponseKind::kDelimited:
      return row + "\n";
    case QueryResponseKind::kJsonArray:
      return "," + row;
    case QueryResponseKind::kLegacyQuery:
      return ",\n{\"row\":{\"columns\":" + row + (tombstone ? ",\"tombstone\":true}}" : "}}");
  }
  return row;
}

std::string QueryResponseFormat::PushRow(const engine::PushQueryRow& row) const {
  return Row(PushRowValues(columns_, row), row.tombstone);
}

std::string QueryResponseFormat::End(QueryEnd end) const {
  switch (kind_) {
    case QueryResponseKind::kDelimited:
      return "";
    case QueryResponseKind::kJsonArray:
      return "]";
    case QueryResponseKind::kLegacyQuery:
      return end == QueryEnd::kLimitReached ? ",\n{\"finalMessage\":\"Limit Reached\"}]" : "]";
  }
  return "";
}

}  // namespace fluxo::cli::server
