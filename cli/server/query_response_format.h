#pragma once

#include <string>
#include <vector>

#include "runtime/core/logical_schema.h"
#include "runtime/core/value.h"
#include "runtime/engine/engine.h"

namespace fluxo::cli::server {

/// The body formats of a query's response in ksqlDB's REST API.
enum class QueryResponseKind {
  /// /query-stream, `application/vnd.ksqlapi.delimited.v1` (the default): the header object,
  /// then one JSON array per row, each followed by a newline.
  kDelimited,
  /// /query-stream, `application/json`: one JSON array of the header object and the rows.
  kJsonArray,
  /// /query (the older endpoint): `[{"header":{"queryId","schema"}}, {"row":{"columns":[..]}},
  /// ..., {"finalMessage":"Limit Reached"}]`.
  kLegacyQuery,
};

/// How a push query's response ended.
enum class QueryEnd { kLimitReached, kClosed };

/// Cuts one query's response into pieces, each sent as one HTTP/2 DATA frame or one HTTP/1.1
/// chunk: Header() first, then Row() per row, then End(). Values are written as the JSON
/// format writes them (runtime/serde/json_writer.h), so a DECIMAL or a STRUCT reads the same
/// in a topic and in a response.
class QueryResponseFormat {
 public:
  /// `query_id`: empty for a pull query (its header has none, as in ksqlDB).
  QueryResponseFormat(QueryResponseKind kind, std::vector<Column> columns, std::string query_id);

  /// The response's Content-Type.
  std::string content_type() const;

  std::string Header() const;

  /// One row, its values in column order.
  std::string Row(const ValueList& values, bool tombstone = false) const;

  /// One row given as the JSON array of its values (RowJsonArray), e.g. from another server.
  std::string RowOfJsonArray(const std::string& row, bool tombstone = false) const;

  /// One push query row: its key values go to the key columns, its values to the others.
  std::string PushRow(const engine::PushQueryRow& row) const;

  /// The end of a push query's response (a pull query's ends as kClosed).
  std::string End(QueryEnd end) const;

 private:
  QueryResponseKind kind_;
  std::vector<Column> columns_;
  std::string query_id_;
};

/// Returns the values of `row` in the order of `columns` (key columns from the row's key,
/// value columns from its values; NULL for what the row lacks, such as a tombstone's values).
ValueList PushRowValues(const std::vector<Column>& columns, const engine::PushQueryRow& row);

/// Returns the JSON array of `values` typed by `columns`, e.g. `[1,"home"]`.
std::string RowJsonArray(const std::vector<Column>& columns, const ValueList& values);

}  // namespace fluxo::cli::server
