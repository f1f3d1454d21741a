#include "cli/shell/rest_error_reader.h"

#include <string>

#include <nlohmann/json.hpp>

namespace fluxo::cli::shell {

Error ReadRestError(int status, std::string_view body) {
  const ErrorKind kind = status >= 500 ? ErrorKind::kIo : ErrorKind::kExecution;
  const nlohmann::json error = nlohmann::json::parse(body, nullptr, false);
  if (!error.is_object() || !error.contains("message") || !error["message"].is_string()) {
    std::string text(body.substr(0, 500));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
      text.pop_back();
    }
    return Error(kind,
                 "The server answered " + std::to_string(status) +
                     (text.empty() ? std::string() : ": " + text));
  }
  std::string message = error["message"].get<std::string>();
  const nlohmann::json line = error.value("line", nlohmann::json());
  const nlohmann::json column = error.value("column", nlohmann::json());
  if (!line.is_number_integer() || !column.is_number_integer() || line.get<int>() < 1 ||
      column.get<int>() < 1) {
    return Error(kind, message);
  }
  SourceSpan span;
  span.line = line.get<int>();
  span.column = column.get<int>();
  const std::string prefix =
      "line " + std::to_string(span.line) + ":" + std::to_string(span.column) + ": ";
  if (message.starts_with(prefix)) {
    message.erase(0, prefix.size());
  }
  return Error(kind, message, span);
}

}  // namespace fluxo::cli::shell
