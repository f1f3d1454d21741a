#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/http/http_response_stream.h"
#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"
#include "runtime/serde/json_reader.h"

namespace fluxo::cli::shell {

/// One query running on a `fluxo server`, read from its `POST /query-stream` response in the
/// delimited format (`application/vnd.ksqlapi.delimited.v1`): a header object
/// `{"queryId":...,"columnNames":[...],"columnTypes":[...]}` on the first line (no queryId for
/// a pull query), then one JSON array of values per row and line. The response ends when the
/// query does (a pull query at once, a push query at its LIMIT or when closed). Values are read
/// back with the types the header names, as the JSON format reads them (serde::JsonReader), so
/// the shell shows them as it shows the embedded engine's.
class RemoteQuery {
 public:
  /// Reads the header from `response`, a successful /query-stream response.
  explicit RemoteQuery(std::unique_ptr<http::HttpResponseStream> response);

  /// The push query's id; empty for a pull query.
  const std::string& query_id() const { return query_id_; }

  const std::vector<std::string>& column_names() const { return column_names_; }

  /// The columns' types as the server names them ("BIGINT", "STRING", ...).
  const std::vector<std::string>& column_types() const { return column_type_names_; }

  /// The columns' types, read from column_types() (STRING where a name cannot be read).
  const std::vector<SqlTypePtr>& types() const { return types_; }

  /// Returns the rows that have arrived, without waiting (possibly none).
  std::vector<ValueList> Poll();

  /// Returns the remaining rows, waiting until the response ends.
  std::vector<ValueList> ReadAll();

  /// True once the response ended: no more rows will come.
  bool finished() const { return response_->finished() && pending_.empty(); }

  /// Closes the connection, which also tells the server to stop the query.
  void Close() { response_->Close(); }

 private:
  /// Adds `bytes` to the unfinished line and returns the rows of the lines it completes.
  std::vector<ValueList> TakeRows(std::string bytes);
  ValueList ReadRow(const std::string& line);

  std::unique_ptr<http::HttpResponseStream> response_;
  std::string pending_;  ///< Bytes of a line whose end has not arrived.
  std::string query_id_;
  std::vector<std::string> column_names_;
  std::vector<std::string> column_type_names_;
  std::vector<SqlTypePtr> types_;
  std::vector<std::unique_ptr<serde::JsonReader>> readers_;  ///< One per column.
};

}  // namespace fluxo::cli::shell
