#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/http/http_client.h"
#include "cli/shell/remote_query.h"
#include "cli/shell/shell_backend.h"

namespace fluxo::cli::shell {

/// Drives a `fluxo server` through ksqlDB's REST API (docs/REST_API.md), over HTTP/1.1:
///  * queries go to `POST /query-stream` (delimited rows): a pull query's rows are read whole
///    into a table; a push query's rows are read as they arrive (PollPushQuery) until the
///    response ends (its LIMIT), and ClosePushQuery sends `POST /close-query` and closes the
///    connection;
///  * every other statement goes to `POST /ksql`; its entities come back as the tables and
///    messages the embedded engine gives (ReadKsqlEntities), its errors with their position
///    (ReadRestError);
///  * SET / UNSET and DEFINE / UNDEFINE (and SHOW VARIABLES) stay in this shell, as in
///    ksqlDB's CLI: the properties go with every request (`streamsProperties`), the variables
///    are substituted before a statement leaves;
///  * PRINT has no endpoint in `fluxo server`: StartPrint says so.
/// A push query's rows come without their key/value split or tombstones (the delimited format
/// has neither), so a table's changes show as plain rows.
class RestBackend : public ShellBackend {
 public:
  explicit RestBackend(http::ServerUrl url);
  ~RestBackend() override;

  /// Asks the server for `/info`; returns its version. Throws fluxo::Error (kIo) when it cannot
  /// be reached or does not answer as a fluxo/ksqlDB server.
  std::string Connect();

  std::vector<engine::StatementResult> Execute(const std::string& statement) override;
  PushQueryPoll PollPushQuery(const std::string& query_id) override;
  void ClosePushQuery(const std::string& query_id) override;
  std::map<std::string, std::string> Variables() override;
  std::unique_ptr<PrintStream> StartPrint(const ast::PrintTopic& print) override;

 private:
  /// Runs a SELECT on /query-stream.
  engine::StatementResult RunQuery(const std::string& statement);
  /// Runs a statement on /ksql.
  std::vector<engine::StatementResult> RunKsql(const std::string& statement);
  /// The request body for `sql_member` = `statement`, with the SET properties.
  std::string RequestBody(const char* sql_member, const std::string& statement) const;

  http::HttpClient client_;
  std::map<std::string, std::string> properties_;                     ///< SET in this shell.
  std::map<std::string, std::string> variables_;                      ///< DEFINE'd in this shell.
  std::map<std::string, std::unique_ptr<RemoteQuery>> push_queries_;  ///< By query id.
};

}  // namespace fluxo::cli::shell
