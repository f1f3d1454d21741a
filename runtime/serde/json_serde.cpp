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

std::optional<ValueList> JsonSerde::Deserialize(const std::optional<std::string>& bytes) const {
  if (!bytes) {
    return std::nullopt;
  }
  try {
    return reader_.Read(*bytes);
  } catch (const Error& error) {
    throw Error(ErrorKind::kExecution,
                std::string("Failed to deserialize ") + (is_key_ ? "key" : "value") +
                    " from JSON: " + error.message());
  }
}

std::optional<std::string> JsonSerde::Serialize(const std::optional<ValueList>& values) const {
  if (!values) {
    return std::nullopt;
  }
  FLUXO_CHECK(values->size() == columns_.size(),
              "JSON serde got " + std::to_string(values->size()) + " values for " +
                  std::to_string(columns_.size()) + " columns");
  if (!wrapped_ && (*values)[0].IsNull()) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(size_hint_ + size_hint_ / 4);
  size_t column = 0;
  try {
    if (!wrapped_) {
      AppendJsonValue((*values)[0], *columns_[0].type, out);
    } else {
      out.push_back('{');
      for (; column < columns_.size(); ++column) {
        if (column > 0) {
          out.push_back(',');
        }
        out += field_prefixes_[column];
        AppendJsonValue((*values)[column], *columns_[column].type, out);
      }
      out.push_back('}');
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kExecution) {
      throw;
    }
    throw Error(ErrorKind::kExecution,
                std::string("Failed to serialize ") + (is_key_ ? "key" : "value") + " as JSON: " +
                    error.message() + ", column: `" + columns_[wrapped_ ? column : 0].name + "`");
  }
  size_hint_ = out.size();
  return out;
}

}  // namespace fluxo::serde
