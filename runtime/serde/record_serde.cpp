#include "runtime/serde/record_serde.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/serde/delimited_serde.h"
#include "runtime/serde/json_serde.h"
#include "runtime/serde/kafka_serde.h"
#include "runtime/serde/none_serde.h"

namespace fluxo::serde {

namespace {

bool ContainsMap(const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kMap:
      return true;
    case TypeKind::kArray:
      return ContainsMap(*type.element());
    case TypeKind::kStruct:
      for (const StructField& field : type.fields()) {
        if (ContainsMap(*field.type)) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

bool HasNonStringMapKey(const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kMap:
      return type.key()->kind() != TypeKind::kString || HasNonStringMapKey(*type.element());
    case TypeKind::kArray:
      return HasNonStringMapKey(*type.element());
    case TypeKind::kStruct:
      for (const StructField& field : type.fields()) {
        if (HasNonStringMapKey(*field.type)) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

/// Returns "`A` INTEGER, `B` STRING" (with " KEY" after each key column when `mark_keys`).
std::string ColumnList(const std::vector<Column>& columns, bool mark_keys) {
  std::string text;
  for (const Column& column : columns) {
    text += (text.empty() ? "`" : ", `") + column.name + "` " + column.type->ToString() +
            (mark_keys ? " KEY" : "");
  }
  return text;
}

/// Throws ksqlDB's "format does not support schema" planning error with `reason`.
[[noreturn]] void RejectSchema(const FormatSpec& format,
                               const std::vector<Column>& columns,
                               bool is_key,
                               const std::string& reason) {
  std::string features;
  if (format.wrap_single_value.has_value()) {
    features = *format.wrap_single_value ? "WRAP_SINGLES" : "UNWRAP_SINGLES";
  } else if (is_key && format.kind == FormatKind::kJson && columns.size() == 1) {
    features = "UNWRAP_SINGLES";
  }
  throw Error(ErrorKind::kPlanning,
              std::string(is_key ? "Key" : "Value") +
                  " format does not support schema.\nformat: " + FormatName(format.kind) +
                  "\nschema: Persistence{columns=[" + ColumnList(columns, is_key) +
                  "], features=[" + features + "]}\nreason: " + reason);
}

}  // namespace

bool RecordSerde::DeserializeInto(const std::optional<std::string>& bytes,
                                  ValueList& row,
                                  const std::vector<size_t>& slots) const {
  std::optional<ValueList> values = Deserialize(bytes);
  if (!values.has_value()) {
    return false;
  }
  for (size_t i = 0; i < slots.size() && i < values->size(); ++i) {
    row[slots[i]] = std::move((*values)[i]);
  }
  return true;
}

void RecordSerde::IgnoreUnusedColumns(const std::vector<bool>& /*unused*/) {}

std::optional<std::string> RecordSerde::SerializeFrom(const ValueList& row,
                                                      const std::vector<size_t>& slots) const {
  ValueList values;
  values.reserve(slots.size());
  for (const size_t slot : slots) {
    values.push_back(row[slot]);
  }
  return Serialize(values);
}

const char* FormatName(FormatKind kind) {
  return FormatKindName(kind);
}

std::unique_ptr<RecordSerde> MakeRecordSerde(const FormatSpec& format,
                                             const std::vector<Column>& columns,
                                             bool is_key) {
  if (is_key) {
    for (const Column& column : columns) {
      if (ContainsMap(*column.type)) {
        throw Error(ErrorKind::kPlanning,
                    "Map keys, including types that contain maps, are not supported as they may "
                    "lead to unexpected behavior due to inconsistent serialization. Key column "
                    "name: `" +
                        column.name + "`. Column type: " + column.type->ToString() +
                        ". See https://github.com/confluentinc/ksql/issues/6621 for more.");
      }
    }
  }
  if (format.kind != FormatKind::kJson && format.wrap_single_value.value_or(false)) {
    throw Error(ErrorKind::kPlanning,
                std::string("Format '") + FormatName(format.kind) +
                    "' does not support 'WRAP_SINGLE_VALUE' set to 'true'.");
  }
  switch (format.kind) {
    case FormatKind::kNone:
      if (!columns.empty()) {
        RejectSchema(format,
                     columns,
                     is_key,
                     "The 'NONE' format can only be used when no columns are defined. Got: [" +
                         ColumnList(columns, is_key) + "]");
      }
      return std::make_unique<NoneSerde>();
    case FormatKind::kKafka: {
      if (columns.empty()) {
        return std::make_unique<NoneSerde>();
      }
      if (columns.size() > 1) {
        RejectSchema(format,
                     columns,
                     is_key,
                     // Java's List.toString of the columns, as ksqlDB's KafkaFormat prints them.
                     "The 'KAFKA' format only supports a single field. Got: [" +
                         ColumnList(columns, is_key) + "]");
      }
      const TypeKind kind = columns[0].type->kind();
      if (kind != TypeKind::kInt && kind != TypeKind::kBigint && kind != TypeKind::kDouble &&
          kind != TypeKind::kString && kind != TypeKind::kBytes) {
        RejectSchema(
            format,
            columns,
            is_key,
            "The 'KAFKA' format does not support type '" + std::string(TypeKindName(kind)) + "'");
      }
      return std::make_unique<KafkaSerde>(columns[0], is_key);
    }
    case FormatKind::kDelimited:
      for (const Column& column : columns) {
        if (column.type->IsComposite()) {
          RejectSchema(format,
                       columns,
                       is_key,
                       "The 'DELIMITED' format does not support type '" +
                           std::string(TypeKindName(column.type->kind())) + "', column: `" +
                           column.name + "`");
        }
      }
      if (is_key && columns.empty()) {
        return std::make_unique<NoneSerde>();
      }
      return std::make_unique<DelimitedSerde>(columns, is_key, format.delimiter);
    case FormatKind::kJson: {
      for (const Column& column : columns) {
        if (HasNonStringMapKey(*column.type)) {
          RejectSchema(format, columns, is_key, "JSON only supports MAP types with STRING keys");
        }
      }
      if (is_key && columns.empty()) {
        return std::make_unique<NoneSerde>();
      }
      const bool wrapped = columns.size() != 1 || format.wrap_single_value.value_or(!is_key);
      return std::make_unique<JsonSerde>(columns, is_key, wrapped);
    }
  }
  FLUXO_CHECK(false, "unknown format");
}

}  // namespace fluxo::serde
