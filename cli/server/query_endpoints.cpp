#include "cli/server/query_endpoints.h"

#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/server/pull_query_fan_out.h"
#include "cli/server/push_query_pump.h"
#include "cli/server/query_response_format.h"
#include "cli/server/request_body.h"
#include "cli/server/rest_error.h"
#include "parser/parser.h"
#include "runtime/core/error.h"

namespace fluxo::cli::server {

namespace {

/// Streams one push query's rows to its client, the status and header first. Both the handler
/// (right after registering the query with the pump) and the pump may be first to write: the
/// mutex keeps the header ahead of every row.
class StreamingListener final : public PushQueryListener {
 public:
  StreamingListener(std::shared_ptr<ResponseWriter> writer, QueryResponseFormat format)
      : writer_(std::move(writer)), format_(std::move(format)) {}

  /// Sends the status and the header row, unless already sent.
  void Start() {
    std::lock_guard lock(mutex_);
    StartLocked();
  }

  void OnRows(const std::vector<engine::PushQueryRow>& rows) override {
    std::lock_guard lock(mutex_);
    StartLocked();
    for (const engine::PushQueryRow& row : rows) {
      writer_->Write(format_.PushRow(row));
    }
  }

  void OnEnd(QueryEnd end) override {
    std::lock_guard lock(mutex_);
    StartLocked();
    writer_->Write(format_.End(end));
    writer_->Finish();
  }

  bool abandoned() const override { return writer_->client_gone(); }

 private:
  void StartLocked() {
    if (!started_) {
      started_ = true;
      writer_->StartStream(200, format_.content_type());
      writer_->Write(format_.Header());
    }
  }

  std::mutex mutex_;
  bool started_ = false;
  std::shared_ptr<ResponseWriter> writer_;
  QueryResponseFormat format_;
};

/// Refuses anything but exactly one SELECT, before it runs.
void RequireOneQuery(const std::string& sql) {
  std::vector<ast::Statement> statements;
  try {
    statements = parser::ParseStatements(sql);
  } catch (const Error& error) {
    throw RestException(RestError::ForStatement(error, sql));
  }
  if (statements.size() != 1 || !statements.front().Is<ast::QueryStatement>()) {
    RestError error =
        RestError::Generic(400,
                           kErrorBadStatement,
                           "Expected exactly one SELECT statement; run other statements on /ksql");
    error.statement_text = sql;
    throw RestException(std::move(error));
  }
}

/// How long a server waits for a peer's share of a pull query.
constexpr std::chrono::seconds kPeerTimeout{10};

void RunQuery(RestContext& context,
              const HttpRequest& request,
              const std::string& sql,
              const std::map<std::string, std::string>& overrides,
              QueryResponseKind kind,
              const std::shared_ptr<ResponseWriter>& writer) {
  RequireOneQuery(sql);
  engine::StatementResult result;
  try {
    result = context.host.Call(
        [&](engine::Engine& engine) { return engine.ExecuteScript(sql, overrides).front(); });
  } catch (const Error& error) {
    throw RestException(RestError::ForStatement(error, sql));
  }

  if (result.kind != engine::StatementResult::Kind::kPushQuery) {
    // A scaled-out table's other rows are on the other servers of the service id.
    std::vector<std::string> peer_rows;
    if (result.pull_share.has_value() && context.peers != nullptr) {
      peer_rows = GatherPeerRows(*result.pull_share,
                                 result.row_values.size(),
                                 context.peers->Peers(),
                                 HttpPeerAsker(sql, request.Header("authorization"), kPeerTimeout));
    }
    const QueryResponseFormat format(kind, result.column_schema, "");
    writer->StartStream(200, format.content_type());
    writer->Write(format.Header());
    for (const ValueList& row : result.row_values) {
      writer->Write(format.Row(row));
    }
    for (const std::string& row : peer_rows) {
      writer->Write(format.RowOfJsonArray(row));
    }
    writer->Write(format.End(QueryEnd::kClosed));
    writer->Finish();
    return;
  }
  if (!context.push_queries.TryReserve()) {
    context.host.Call([&](engine::Engine& engine) { engine.ClosePushQuery(result.query_id); });
    throw RestException(
        RestError::Generic(429,
                           kErrorMaxPushQueries,
                           "Too many push queries are running: this server runs at most " +
                               std::to_string(context.options.max_push_queries) + " at once"));
  }
  // Registered before its header goes out: a client may send /close-query as soon as it reads
  // the query id.
  auto listener = std::make_shared<StreamingListener>(
      writer, QueryResponseFormat(kind, result.column_schema, result.query_id));
  context.push_queries.Add(result.query_id, listener);
  listener->Start();
}

}  // namespace

void HandleQueryStream(RestContext& context,
                       const HttpRequest& request,
                       const std::shared_ptr<ResponseWriter>& writer) {
  const nlohmann::ordered_json body = ParseJsonObject(request.body);
  const std::string sql = RequiredString(body, "sql");
  const std::string accept = request.Header("accept");
  const bool json_array =
      accept.find("application/vnd.ksqlapi.delimited.v1") == std::string::npos &&
      accept.find("application/json") != std::string::npos;
  RunQuery(context,
           request,
           sql,
           PropertyOverrides(body),
           json_array ? QueryResponseKind::kJsonArray : QueryResponseKind::kDelimited,
           writer);
}

void HandleLegacyQuery(RestContext& context,
                       const HttpRequest& request,
                       const std::shared_ptr<ResponseWriter>& writer) {
  const nlohmann::ordered_json body = ParseJsonObject(request.body);
  RunQuery(context,
           request,
           RequiredString(body, "ksql"),
           PropertyOverrides(body),
           QueryResponseKind::kLegacyQuery,
           writer);
}

void HandlePullShare(RestContext& context, const HttpRequest& request, ResponseWriter& writer) {
  const nlohmann::ordered_json body = ParseJsonObject(request.body);
  const std::string sql = RequiredString(body, "sql");
  std::vector<int32_t> partitions;
  const auto found = body.find("partitions");
  if (found == body.end() || !found->is_array()) {
    throw RestException(
        RestError::Generic(400, kErrorBadRequest, "Field 'partitions' must be an array"));
  }
  for (const nlohmann::ordered_json& partition : *found) {
    if (!partition.is_number_integer()) {
      throw RestException(RestError::Generic(
          400, kErrorBadRequest, "Field 'partitions' must hold partition numbers"));
    }
    partitions.push_back(partition.get<int32_t>());
  }
  engine::StatementResult result;
  try {
    result = context.host.Call(
        [&](engine::Engine& engine) { return engine.ExecutePullQueryShare(sql, partitions); });
  } catch (const Error& error) {
    throw RestException(RestError::ForStatement(error, sql));
  }
  std::vector<std::string> rows;
  for (const ValueList& row : result.row_values) {
    rows.push_back(RowJsonArray(result.column_schema, row));
  }
  HttpResponse response;
  response.content_type = "application/x-ndjson";
  response.body = PeerShareBody(
      result.pull_share.has_value() ? result.pull_share->answered : std::vector<int32_t>{}, rows);
  writer.Send(std::move(response));
}

void HandleCloseQuery(RestContext& context, const HttpRequest& request, ResponseWriter& writer) {
  const nlohmann::ordered_json body = ParseJsonObject(request.body);
  const std::string query_id = RequiredString(body, "queryId");
  if (!context.push_queries.Close(query_id)) {
    throw RestException(RestError::Generic(400, kErrorBadRequest, "No query with id " + query_id));
  }
  HttpResponse response;
  writer.Send(std::move(response));
}

}  // namespace fluxo::cli::server
