#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/core/value.h"

namespace fluxo::engine {

/// A pull query's answer on a table that a scaled-out query writes (`scale.out`): the
/// instances sharing the query each hold the rows of the partitions whose tasks run there, so
/// one instance's answer holds its share only and a front end completes it from the others
/// (REST fans it out to its peers).
struct PullQueryShare {
  std::string query_id;           ///< The query that writes the table.
  int32_t partitions = 0;         ///< Partitions of that query's source: all shares together.
  std::vector<int32_t> answered;  ///< The partitions whose rows this answer holds, ascending.
  std::optional<int64_t> limit;   ///< The pull query's LIMIT: the whole answer is cut to it.
};

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
  /// kPushQuery: true when the rows are a table's changes (per key, a new value or a delete),
  /// false when they are a stream's appended rows.
  bool table_changes = false;
  /// Pull and push queries: the result's columns with their SQL types, in `columns` order (key
  /// columns first, marked kKey), for front ends that render typed values (REST's JSON). A
  /// push query's PushQueryRow holds the key columns' values, then the value columns'.
  std::vector<Column> column_schema;
  /// A pull query's rows as values, one per row of `rows`, typed as `column_schema`.
  std::vector<ValueList> row_values;
  /// A pull query on a scaled-out query's table: which share of the rows `rows` hold.
  std::optional<PullQueryShare> pull_share;

  /// Returns a kMessage result.
  static StatementResult Message(std::string text) {
    StatementResult result;
    result.message = std::move(text);
    return result;
  }
};

}  // namespace fluxo::engine
