#include "cli/server/rest_error.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "cli/server/json_text.h"

namespace fluxo::cli::server {

RestError RestError::Generic(int status, int error_code, std::string message) {
  RestError error;
  error.status = status;
  error.error_code = error_code;
  error.message = std::move(message);
  return error;
}

RestError RestError::ForStatement(const Error& error,
                                  std::string statement_text,
                                  SourceSpan origin) {
  RestError rest;
  const bool server_side = error.kind() == ErrorKind::kInternal || error.kind() == ErrorKind::kIo;
  rest.status = server_side ? 500 : 400;
  rest.error_code = server_side ? kErrorServer : kErrorBadStatement;
  rest.message = error.message();
  rest.statement_text = std::move(statement_text);
  if (error.span().has_value() && error.span()->IsKnown()) {
    const SourceSpan& span = *error.span();
    rest.line = origin.line + span.line - 1;
    rest.column = span.line == 1 ? origin.column + span.column - 1 : span.column;
    rest.message = "line " + std::to_string(rest.line) + ":" + std::to_string(rest.column) + ": " +
                   rest.message;
  }
  return rest;
}

std::string RestError::ToJson() const {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["@type"] = statement_text.has_value() ? "statement_error" : "generic_error";
  body["error_code"] = error_code;
  body["message"] = message;
  if (statement_text.has_value()) {
    body["statementText"] = *statement_text;
    body["entities"] = entities;
  }
  if (line > 0) {
    body["line"] = line;
    body["column"] = column;
  }
  return JsonText(body);
}

HttpResponse RestError::ToResponse() const {
  HttpResponse response;
  response.status = status;
  response.body = ToJson();
  return response;
}

}  // namespace fluxo::cli::server
