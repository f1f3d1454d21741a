#include "cli/server/source_description_json.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

const char* WindowTypeName(planner::WindowType type) {
  switch (type) {
    case planner::WindowType::kTumbling:
      return "TUMBLING";
    case planner::WindowType::kHopping:
      return "HOPPING";
    case planner::WindowType::kSession:
      return "SESSION";
  }
  return "TUMBLING";
}

}  // namespace

json SourceSummaryJson(const planner::SourceDescription& source) {
  return {{"type", source.type == planner::SourceType::kTable ? "TABLE" : "STREAM"},
          {"name", source.name},
          {"topic", source.topic},
          {"keyFormat", serde::FormatName(source.key_format.kind)},
          {"valueFormat", serde::FormatName(source.value_format.kind)},
          {"isWindowed", source.window.has_value()}};
}

json FieldJson(const Column& column) {
  json field = {{"name", column.name}, {"schema", SchemaJson(*column.type)}};
  if (column.column_namespace == ColumnNamespace::kKey) {
    field["type"] = "KEY";
  } else if (column.column_namespace == ColumnNamespace::kHeaders ||
             column.column_namespace == ColumnNamespace::kHeader) {
    field["type"] = "HEADER";
    if (column.column_namespace == ColumnNamespace::kHeader) {
      field["headerKey"] = column.header_key;
    }
  }
  return field;
}

json SourceDescriptionJson(const planner::SourceDescription& source,
                           bool extended,
                           engine::Engine& engine) {
  json fields = json::array();
  for (const Column& column : source.schema.columns()) {
    fields.push_back(FieldJson(column));
  }
  int32_t partitions = 0;
  try {
    partitions = engine.topics().PartitionCount(source.topic);
  } catch (const Error&) {
    partitions = 0;  // The topic is gone (deleted outside Fluxo): describe the source anyway.
  }
  return {{"name", source.name},
          {"windowType",
           source.window.has_value() ? json(WindowTypeName(source.window->type)) : json()},
          {"readQueries", json::array()},
          {"writeQueries", json::array()},
          {"fields", std::move(fields)},
          {"type", source.type == planner::SourceType::kTable ? "TABLE" : "STREAM"},
          {"timestamp", source.timestamp_column.value_or("")},
          {"statistics", ""},
          {"errorStats", ""},
          {"extended", extended},
          {"keyFormat", serde::FormatName(source.key_format.kind)},
          {"valueFormat", serde::FormatName(source.value_format.kind)},
          {"topic", source.topic},
          {"partitions", partitions},
          {"replication", 1},
          {"statement", source.statement},
          {"queryOffsetSummaries", json::array()},
          {"sourceConstraints", json::array()},
          {"clusterStatistics", json::array()},
          {"clusterErrorStats", json::array()}};
}

json SchemaJson(const SqlType& type) {
  json schema = {{"type", TypeKindName(type.kind())}, {"fields", json()}, {"memberSchema", json()}};
  switch (type.kind()) {
    case TypeKind::kStruct: {
      json fields = json::array();
      for (const StructField& field : type.fields()) {
        fields.push_back({{"name", field.name}, {"schema", SchemaJson(*field.type)}});
      }
      schema["fields"] = std::move(fields);
      break;
    }
    case TypeKind::kArray:
    case TypeKind::kMap:
      schema["memberSchema"] = SchemaJson(*type.element());
      break;
    case TypeKind::kDecimal:
      schema["parameters"] = {{"precision", type.precision()}, {"scale", type.scale()}};
      break;
    default:
      break;
  }
  return schema;
}

}  // namespace fluxo::cli::server
