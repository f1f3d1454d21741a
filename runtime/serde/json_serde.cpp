#include "runtime/serde/json_serde.h"

#include "runtime/core/error.h"
#include "runtime/serde/json_writer.h"

namespace fluxo::serde {

JsonSerde::JsonSerde(std::vector<Column> columns, bool is_key, bool wrapped)
    : columns_(std::move(columns)), is_key_(is_key), wrapped_(wrapped), reader_(columns_, wrapped) {
  for (const Column& column : columns_) {
    std::string prefix;
    AppendJsonString(column.name, prefix);
    prefix.push_back(':');
    field_prefixes_.push_back(std::move(prefix));
  }
}

void JsonSerde::ThrowDeserializeError(const Error& error) const {
  throw Error(ErrorKind::kExecution,
              std::string("Failed to deserialize ") + (is_key_ ? "key" : "value") +
                  " from JSON: " + error.message());
}

std::optional<ValueList> JsonSerde::Deserialize(const std::optional<std::string>& bytes) const {
  if (!bytes) {
    return std::nullopt;
  }
  try {
    return reader_.Read(*bytes);
  } catch (const Error& error) {
    ThrowDeserializeError(error);
  }
}

bool JsonSerde::DeserializeInto(const std::optional<std::string>& bytes,
                                ValueList& row,
                                const std::vector<size_t>& slots) const {
  if (!bytes) {
    return false;
  }
  FLUXO_CHECK(slots.size() == columns_.size(),
              "JSON serde got slots that do not match its columns");
  try {
    return reader_.ReadInto(*bytes, row.data(), slots.data());
  } catch (const Error& error) {
    ThrowDeserializeError(error);
  }
}

void JsonSerde::IgnoreUnusedColumns(const std::vector<bool>& unused) {
  std::vector<bool> skipped(columns_.size());
  for (size_t i = 0; i < columns_.size() && i < unused.size(); ++i) {
    skipped[i] = unused[i] && columns_[i].type->kind() == TypeKind::kString;
  }
  reader_.SkipColumns(skipped);
}

std::optional<std::string> JsonSerde::Serialize(const std::optional<ValueList>& values) const {
  if (!values) {
    return std::nullopt;
  }
  FLUXO_CHECK(values->size() == columns_.size(),
              "JSON serde got " + std::to_string(values->size()) + " values for " +
                  std::to_string(columns_.size()) + " columns");
  return Write(values->data(), nullptr);
}

std::optional<std::string> JsonSerde::SerializeFrom(const ValueList& row,
                                                    const std::vector<size_t>& slots) const {
  FLUXO_CHECK(slots.size() == columns_.size(),
              "JSON serde got " + std::to_string(slots.size()) + " values for " +
                  std::to_string(columns_.size()) + " columns");
  return Write(row.data(), slots.data());
}

std::optional<std::string> JsonSerde::Write(const Value* values, const size_t* slots) const {
  auto value_of = [&](size_t column) -> const Value& {
    return values[slots != nullptr ? slots[column] : column];
  };
  if (!wrapped_ && value_of(0).IsNull()) {
    return std::nullopt;
  }
  text_.Clear();
  size_t column = 0;
  try {
    if (!wrapped_) {
      text_.AppendValue(value_of(0), *columns_[0].type);
    } else {
      text_.Append('{');
      for (; column < columns_.size(); ++column) {
        if (column > 0) {
          text_.Append(',');
        }
        text_.Append(field_prefixes_[column]);
        text_.AppendValue(value_of(column), *columns_[column].type);
      }
      text_.Append('}');
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kExecution) {
      throw;
    }
    throw Error(ErrorKind::kExecution,
                std::string("Failed to serialize ") + (is_key_ ? "key" : "value") + " as JSON: " +
                    error.message() + ", column: `" + columns_[wrapped_ ? column : 0].name + "`");
  }
  return text_.ToString();
}

}  // namespace fluxo::serde
