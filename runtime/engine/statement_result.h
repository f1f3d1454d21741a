#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fluxo::engine {

/// What one executed statement gives back, as data the front ends render (the shell as boxed
/// tables, REST as ksqlDB's JSON entities): a message and, for SHOW / DESCRIBE / EXPLAIN, a
/// table of strings.
struct StatementResult {
  enum class Kind {
    kMessage,    ///< DDL, SET, INSERT VALUES, TERMINATE, ...: only `message`
    kTable,      ///< SHOW / DESCRIBE / EXPLAIN / a pull query: `columns` and `rows`
    kPushQuery,  ///< A push query started: `query_id` and `columns`; rows come from
                 ///< Engine::ReadPushQuery.
  };

  Kind kind = Kind::kMessage;
  std::string statement_text;  ///< The statement as written.
  std::string message;         ///< "Stream created", "Created query with ID CSAS_OUT_0", ...
  std::vector<std::string> columns;
  /// A pull query's column types as ksqlDB names them ("BIGINT", "STRING", ...), one per
  /// column, for front ends that send typed rows (REST); empty for other tables.
  std::vector<std::string> column_types;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> notices;  ///< Warnings that did not stop the statement.
  std::string query_id;              ///< Set when the statement started a persistent query.

  /// Returns a kMessage result.
  static StatementResult Message(std::string text) {
    StatementResult result;
    result.message = std::move(text);
    return result;
  }
};

}  // namespace fluxo::engine
