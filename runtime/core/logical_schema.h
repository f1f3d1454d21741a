#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/core/sql_type.h"

namespace fluxo {

/// Where a column's value lives in a Kafka record.
enum class ColumnNamespace : uint8_t {
  kKey,      ///< in the record key
  kValue,    ///< in the record value
  kHeaders,  ///< all headers, as ARRAY<STRUCT<KEY STRING, VALUE BYTES>>
  kHeader,   ///< the bytes of one header (`HEADER('name')`)
};

/// One column of a stream or table.
struct Column {
  std::string name;  ///< As resolved by the parser: upper-cased unless quoted.
  SqlTypePtr type;
  ColumnNamespace column_namespace = ColumnNamespace::kValue;
  std::string header_key;  ///< kHeader only.
};

/// The columns of a source or of a query's output, key columns first (ksqlDB's LogicalSchema).
/// Rows store their values in this order.
class LogicalSchema {
 public:
  LogicalSchema() = default;

  explicit LogicalSchema(std::vector<Column> columns);

  const std::vector<Column>& columns() const { return columns_; }

  /// Returns the index of the column called `name`, or nothing.
  std::optional<size_t> Find(const std::string& name) const;

  /// Returns the columns of one namespace, in schema order.
  std::vector<Column> ColumnsIn(ColumnNamespace column_namespace) const;

  /// Returns the schema positions of the columns of one namespace.
  std::vector<size_t> IndexesIn(ColumnNamespace column_namespace) const;

  /// Returns the columns at `indexes`, in that order.
  std::vector<Column> ColumnsAt(const std::vector<size_t>& indexes) const;

  bool operator==(const LogicalSchema& other) const;

 private:
  std::vector<Column> columns_;
};

}  // namespace fluxo
