#include "cli/shell/rest_backend.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "cli/shell/ksql_entity_reader.h"
#include "cli/shell/rest_error_reader.h"
#include "parser/parser.h"
#include "runtime/core/error.h"
#include "runtime/expr/value_text.h"

namespace fluxo::cli::shell {
namespace {

using json = nlohmann::json;
using engine::StatementResult;

constexpr const char* kDelimited = "application/vnd.ksqlapi.delimited.v1";

engine::StatementResult Message(std::string text) {
  return StatementResult::Message(std::move(text));
}

}  // namespace

RestBackend::RestBackend(http::ServerUrl url) : client_(std::move(url)) {}

RestBackend::~RestBackend() {
  // Push queries still open (the shell is leaving while one streams) are closed by closing
  // their connections, which the server notices.
  for (auto& [query_id, query] : push_queries_) {
    query->Close();
  }
}

std::string RestBackend::Connect() {
  const http::HttpReply reply = client_.Get("/info");
  if (reply.status != 200) {
    throw ReadRestError(reply.status, reply.body);
  }
  const json info = json::parse(reply.body, nullptr, false);
  if (!info.is_object() || !info.contains("KsqlServerInfo")) {
    throw Error(ErrorKind::kIo,
                "The server at " + client_.url().ToString() +
                    " does not answer /info as fluxo server does: " + reply.body.substr(0, 200));
  }
  return info["KsqlServerInfo"].value("version", "");
}

std::vector<StatementResult> RestBackend::Execute(const std::string& statement) {
  // Only the statement's kind is looked at here; the server binds and runs it.
  const ast::Statement parsed = parser::ParseStatement(statement);
  if (parsed.Is<ast::QueryStatement>()) {
    return {RunQuery(statement)};
  }
  if (const auto* set = parsed.As<ast::SetProperty>()) {
    properties_[set->name] = set->value;
    return {Message("Successfully changed local property '" + set->name + "' to '" + set->value +
                    "'.")};
  }
  if (const auto* unset = parsed.As<ast::UnsetProperty>()) {
    properties_.erase(unset->name);
    return {Message("Successfully unset local property '" + unset->name + "'.")};
  }
  if (const auto* define = parsed.As<ast::DefineVariable>()) {
    variables_[define->name] = define->value;
    return {Message("Defined variable " + define->name + ".")};
  }
  if (const auto* undefine = parsed.As<ast::UndefineVariable>()) {
    variables_.erase(undefine->name);
    return {Message("Undefined variable " + undefine->name + ".")};
  }
  if (const auto* show = parsed.As<ast::Show>();
      show != nullptr && show->what == ast::ShowKind::kVariables) {
    StatementResult result;
    result.kind = StatementResult::Kind::kTable;
    result.columns = {"Variable Name", "Value"};
    for (const auto& [name, value] : variables_) {
      result.rows.push_back({name, value});
    }
    return {result};
  }
  return RunKsql(statement);
}

std::string RestBackend::RequestBody(const char* sql_member, const std::string& statement) const {
  json body = {{sql_member, statement}, {"streamsProperties", json::object()}};
  for (const auto& [name, value] : properties_) {
    body["streamsProperties"][name] = value;
  }
  return body.dump();
}

std::vector<StatementResult> RestBackend::RunKsql(const std::string& statement) {
  const http::HttpReply reply = client_.Post("/ksql", RequestBody("ksql", statement));
  if (reply.status != 200) {
    throw ReadRestError(reply.status, reply.body);
  }
  return ReadKsqlEntities(reply.body);
}

StatementResult RestBackend::RunQuery(const std::string& statement) {
  std::unique_ptr<http::HttpResponseStream> response =
      client_.PostStreaming("/query-stream", RequestBody("sql", statement), kDelimited);
  if (response->status() != 200) {
    throw ReadRestError(response->status(), response->ReadToEnd());
  }
  auto query = std::make_unique<RemoteQuery>(std::move(response));
  StatementResult result;
  result.statement_text = statement;
  result.columns = query->column_names();
  result.column_types = query->column_types();
  if (query->query_id().empty()) {
    result.kind = StatementResult::Kind::kTable;
    for (const ValueList& values : query->ReadAll()) {
      std::vector<std::string> cells;
      for (size_t i = 0; i < values.size(); ++i) {
        cells.push_back(values[i].IsNull() ? "null"
                                           : expr::ValueToText(values[i], *query->types()[i]));
      }
      result.rows.push_back(std::move(cells));
    }
    return result;
  }
  result.kind = StatementResult::Kind::kPushQuery;
  result.query_id = query->query_id();
  push_queries_[result.query_id] = std::move(query);
  return result;
}

PushQueryPoll RestBackend::PollPushQuery(const std::string& query_id) {
  PushQueryPoll poll;
  const auto found = push_queries_.find(query_id);
  if (found == push_queries_.end()) {
    return poll;
  }
  std::vector<ValueList> rows;
  try {
    rows = found->second->Poll();
  } catch (const Error&) {
    push_queries_.erase(found);
    throw;
  }
  for (ValueList& values : rows) {
    engine::PushQueryRow row;
    row.values = std::move(values);
    poll.rows.push_back(std::move(row));
  }
  poll.running = !found->second->finished();
  if (!poll.running) {
    push_queries_.erase(found);
  }
  return poll;
}

void RestBackend::ClosePushQuery(const std::string& query_id) {
  const auto found = push_queries_.find(query_id);
  if (found == push_queries_.end()) {
    return;
  }
  std::unique_ptr<RemoteQuery> query = std::move(found->second);
  push_queries_.erase(found);
  // /close-query ends the query at once; closing the connection would end it too, a turn
  // later. The query may have ended by itself in between (400, "No query with id"): fine.
  try {
    client_.Post("/close-query", json{{"queryId", query_id}}.dump());
  } catch (const Error&) {
    // Closing the connection below is enough.
  }
  query->Close();
}

std::map<std::string, std::string> RestBackend::Variables() {
  return variables_;
}

std::unique_ptr<PrintStream> RestBackend::StartPrint(const ast::PrintTopic& print) {
  throw Error(ErrorKind::kExecution,
              "PRINT needs the embedded shell for now: fluxo server has no endpoint for it "
              "(run 'fluxo shell' without --server to PRINT '" +
                  print.topic + "')");
}

}  // namespace fluxo::cli::shell
