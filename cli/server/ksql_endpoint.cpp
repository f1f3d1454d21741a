#include "cli/server/ksql_endpoint.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/server/json_text.h"
#include "cli/server/ksql_entities.h"
#include "cli/server/request_body.h"
#include "cli/server/rest_error.h"
#include "parser/parser.h"
#include "parser/variable_substitution.h"
#include "runtime/core/error.h"
#include "runtime/core/utf8.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

// Returns the byte offset of code point `code_points` in `text` (spans count code points).
size_t ByteOffset(std::string_view text, int32_t code_points) {
  size_t position = 0;
  for (int32_t i = 0; i < code_points && position < text.size(); ++i) {
    const size_t length = DecodeUtf8(text, position).length;
    position += length == 0 ? 1 : length;
  }
  return position;
}

// The text of a statement, cut from the request by its span (without its `;`).
std::string StatementText(std::string_view script, const ast::Statement& statement) {
  const size_t begin = ByteOffset(script, statement.span.offset);
  const size_t end = begin + ByteOffset(script.substr(begin), statement.span.length);
  return std::string(script.substr(begin, end - begin));
}

RestError QueryEndpointError(const std::string& statement_text) {
  RestError error = RestError::Generic(
      400,
      kErrorQueryEndpoint,
      "The following statement types should be issued to the websocket endpoint '/query':\n"
      "\t* PRINT\n"
      "\t* SELECT");
  error.statement_text = statement_text;
  return error;
}

}  // namespace

void HandleKsql(RestContext& context, const HttpRequest& request, ResponseWriter& writer) {
  const json body = ParseJsonObject(request.body);
  std::string ksql = RequiredString(body, "ksql");
  std::map<std::string, std::string> overrides = PropertyOverrides(body);
  if (const auto variables = body.find("sessionVariables");
      variables != body.end() && variables->is_object()) {
    // ksqlDB's session variables: `${name}` in the request's statements takes their values.
    std::map<std::string, std::string> values;
    for (const auto& [name, value] : variables->items()) {
      values[name] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    try {
      ksql = parser::SubstituteVariables(ksql, values);
    } catch (const Error& error) {
      throw RestException(RestError::ForStatement(error, ksql));
    }
  }

  std::vector<ast::Statement> statements;
  try {
    statements = parser::ParseStatements(ksql);
  } catch (const Error& error) {
    throw RestException(RestError::ForStatement(error, ksql));
  }
  std::vector<std::string> texts;
  for (const ast::Statement& statement : statements) {
    texts.push_back(StatementText(ksql, statement) + ";");
    if (statement.Is<ast::QueryStatement>() || statement.Is<ast::PrintTopic>()) {
      throw RestException(QueryEndpointError(texts.back()));
    }
  }

  json entities = json::array();
  for (size_t i = 0; i < statements.size(); ++i) {
    const ast::Statement& statement = statements[i];
    // SET and UNSET belong to this request, not to the engine every client shares.
    if (const auto* set = statement.As<ast::SetProperty>()) {
      overrides[set->name] = set->value;
      continue;
    }
    if (const auto* unset = statement.As<ast::UnsetProperty>()) {
      overrides.erase(unset->name);
      continue;
    }
    try {
      const std::optional<json> entity = context.host.Call([&](engine::Engine& engine) {
        const std::vector<engine::StatementResult> results =
            engine.ExecuteScript(texts[i], overrides);
        return results.empty()
                   ? std::optional<json>()
                   : KsqlEntity(statement, texts[i], results.front(), engine, context.commands);
      });
      if (entity.has_value()) {
        entities.push_back(*entity);
      }
    } catch (const Error& error) {
      RestError rest = RestError::ForStatement(error, texts[i], statement.span);
      rest.entities = std::move(entities);
      throw RestException(std::move(rest));
    }
  }
  HttpResponse response;
  response.body = JsonText(entities);
  writer.Send(std::move(response));
}

}  // namespace fluxo::cli::server
