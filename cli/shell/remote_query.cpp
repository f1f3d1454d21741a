#include "cli/shell/remote_query.h"

#include <optional>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/shell/sql_type_name.h"
#include "runtime/core/error.h"
#include "runtime/core/logical_schema.h"

namespace fluxo::cli::shell {
namespace {

using json = nlohmann::json;

std::vector<std::string> Strings(const json& header, const char* member) {
  std::vector<std::string> strings;
  const auto found = header.find(member);
  if (found == header.end() || !found->is_array()) {
    throw Error(ErrorKind::kIo, std::string("The query's header has no ") + member);
  }
  for (const json& item : *found) {
    strings.push_back(item.is_string() ? item.get<std::string>() : item.dump());
  }
  return strings;
}

/// Returns the text of each element of the JSON array `line`, untouched (so that a DECIMAL
/// keeps its digits), or nothing when `line` is not an array. Elements are only delimited here;
/// JsonReader checks them.
std::optional<std::vector<std::string_view>> SplitJsonArray(std::string_view line) {
  const size_t open = line.find_first_not_of(" \t\r");
  if (open == std::string_view::npos || line[open] != '[') {
    return std::nullopt;
  }
  std::vector<std::string_view> elements;
  int depth = 0;
  bool in_string = false;
  size_t begin = open + 1;
  for (size_t i = open + 1; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (depth == 0) {
        const std::string_view last = line.substr(begin, i - begin);
        if (last.find_first_not_of(" \t\r") != std::string_view::npos || !elements.empty()) {
          elements.push_back(last);
        }
        return elements;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      elements.push_back(line.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  return std::nullopt;
}

}  // namespace

RemoteQuery::RemoteQuery(std::unique_ptr<http::HttpResponseStream> response)
    : response_(std::move(response)) {
  size_t newline = std::string::npos;
  while ((newline = pending_.find('\n')) == std::string::npos && !response_->finished()) {
    pending_ += response_->ReadSome();
  }
  const std::string line = pending_.substr(0, newline);
  pending_.erase(0, newline == std::string::npos ? pending_.size() : newline + 1);
  const json header = json::parse(line, nullptr, false);
  if (!header.is_object()) {
    throw Error(ErrorKind::kIo,
                "The query's response does not start with a header object: " + line.substr(0, 200));
  }
  if (const auto id = header.find("queryId"); id != header.end() && id->is_string()) {
    query_id_ = id->get<std::string>();
  }
  column_names_ = Strings(header, "columnNames");
  column_type_names_ = Strings(header, "columnTypes");
  for (size_t i = 0; i < column_names_.size(); ++i) {
    SqlTypePtr type =
        i < column_type_names_.size() ? ParseSqlTypeName(column_type_names_[i]) : nullptr;
    types_.push_back(type != nullptr ? type : SqlType::String());
    Column column;
    column.name = column_names_[i];
    column.type = types_.back();
    readers_.push_back(std::make_unique<serde::JsonReader>(std::vector<Column>{column}, false));
  }
}

std::vector<ValueList> RemoteQuery::Poll() {
  return TakeRows(response_->Poll());
}

std::vector<ValueList> RemoteQuery::ReadAll() {
  return TakeRows(response_->ReadToEnd());
}

std::vector<ValueList> RemoteQuery::TakeRows(std::string bytes) {
  pending_ += bytes;
  std::vector<ValueList> rows;
  size_t begin = 0;
  for (size_t end = pending_.find('\n'); end != std::string::npos;
       end = pending_.find('\n', begin)) {
    if (end > begin) {
      rows.push_back(ReadRow(pending_.substr(begin, end - begin)));
    }
    begin = end + 1;
  }
  pending_.erase(0, begin);
  if (response_->finished() && !pending_.empty()) {
    // The last row need not end with a newline.
    rows.push_back(ReadRow(pending_));
    pending_.clear();
  }
  return rows;
}

ValueList RemoteQuery::ReadRow(const std::string& line) {
  const std::optional<std::vector<std::string_view>> elements = SplitJsonArray(line);
  if (!elements.has_value()) {
    const json object = json::parse(line, nullptr, false);
    if (object.is_object() && object.contains("message")) {
      // An error the server reports in the middle of the response.
      throw Error(ErrorKind::kExecution,
                  object["message"].is_string() ? object["message"].get<std::string>()
                                                : object["message"].dump());
    }
    throw Error(ErrorKind::kIo,
                "The query's response has a line that is not a row: " + line.substr(0, 200));
  }
  ValueList values;
  values.reserve(readers_.size());
  for (size_t i = 0; i < readers_.size(); ++i) {
    if (i >= elements->size()) {
      values.push_back(Value::Null());
      continue;
    }
    std::optional<ValueList> read = readers_[i]->Read((*elements)[i]);
    values.push_back(read.has_value() && !read->empty() ? std::move(read->front()) : Value::Null());
  }
  return values;
}

}  // namespace fluxo::cli::shell
