#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "parser/ast/box.h"
#include "parser/ast/data_type.h"
#include "parser/ast/expression.h"
#include "parser/ast/identifier.h"
#include "parser/ast/query.h"
#include "parser/ast/source_span.h"

namespace fluxo::ast {

struct Statement;

enum class SourceKind { kStream, kTable };

/// A `WITH (...)` entry: `KAFKA_TOPIC='t'` or Flink's `'connector'='kafka'`. Unquoted names are
/// upper-cased like any identifier; quoted names keep their case. The value is a literal.
struct Property : Node {
  std::string name;
  Expression value;

  bool operator==(const Property&) const = default;
};

enum class ColumnConstraint { kNone, kKey, kPrimaryKey, kHeaders, kHeader };

/// One column of CREATE STREAM/TABLE or ALTER ... ADD COLUMN.
struct ColumnDefinition : Node {
  Identifier name;
  DataType type;
  ColumnConstraint constraint = ColumnConstraint::kNone;
  std::string header_key;  ///< kHeader: the header named in `HEADER('key')`.

  bool operator==(const ColumnDefinition&) const = default;
};

/// Flink's `WATERMARK FOR column AS expression`.
struct Watermark : Node {
  Identifier column;
  Expression expression;

  bool operator==(const Watermark&) const = default;
};

/// Flink's table constraint `PRIMARY KEY (a, b) [NOT ENFORCED]`.
struct PrimaryKeyConstraint : Node {
  std::vector<Identifier> columns;
  bool not_enforced = false;

  bool operator==(const PrimaryKeyConstraint&) const = default;
};

/// A push or pull query run on its own: `SELECT ...`.
struct QueryStatement {
  Query query;
  bool operator==(const QueryStatement&) const = default;
};

enum class ShowKind {
  kProperties,
  kTopics,
  kStreams,
  kTables,
  kFunctions,
  kTypes,
  kVariables,
  kQueries
};

/// `SHOW|LIST PROPERTIES|[ALL] TOPICS|STREAMS|TABLES|FUNCTIONS|TYPES|VARIABLES|QUERIES
/// [EXTENDED]`.
struct Show {
  ShowKind what = ShowKind::kStreams;
  bool all = false;  ///< `SHOW ALL TOPICS`.
  bool extended = false;
  bool operator==(const Show&) const = default;
};

/// `DESCRIBE source [EXTENDED]`.
struct DescribeSource {
  Identifier name;
  bool extended = false;
  bool operator==(const DescribeSource&) const = default;
};

/// `DESCRIBE STREAMS|TABLES [EXTENDED]`.
struct DescribeSources {
  SourceKind kind = SourceKind::kStream;
  bool extended = false;
  bool operator==(const DescribeSources&) const = default;
};

/// `DESCRIBE FUNCTION name`.
struct DescribeFunction {
  Identifier name;
  bool operator==(const DescribeFunction&) const = default;
};

/// `PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]`.
struct PrintTopic {
  std::string topic;  ///< As written when quoted ('my-topic'), upper-cased when not.
  bool from_beginning = false;
  std::optional<int64_t> interval;
  std::optional<int64_t> limit;
  bool operator==(const PrintTopic&) const = default;
};

enum class QueryAction { kTerminate, kPause, kResume };

/// `TERMINATE|PAUSE|RESUME query_id` or `... ALL`.
struct QueryControl {
  QueryAction action = QueryAction::kTerminate;
  std::optional<Identifier> query_id;  ///< Empty for ALL.
  bool operator==(const QueryControl&) const = default;
};

/// `SET 'name' = 'value'`.
struct SetProperty {
  std::string name;
  std::string value;
  bool operator==(const SetProperty&) const = default;
};

/// `UNSET 'name'`.
struct UnsetProperty {
  std::string name;
  bool operator==(const UnsetProperty&) const = default;
};

/// `DEFINE name = 'value'`.
struct DefineVariable {
  std::string name;
  std::string value;
  bool operator==(const DefineVariable&) const = default;
};

/// `UNDEFINE name`.
struct UndefineVariable {
  std::string name;
  bool operator==(const UndefineVariable&) const = default;
};

/// `RUN SCRIPT 'path'`.
struct RunScript {
  std::string path;
  bool operator==(const RunScript&) const = default;
};

/// `CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name [(elements)] [WITH (...)]`,
/// including Flink's form with WATERMARK and PRIMARY KEY elements.
struct CreateSource {
  SourceKind kind = SourceKind::kStream;
  bool or_replace = false;
  bool read_only = false;  ///< `CREATE SOURCE STREAM|TABLE`.
  bool if_not_exists = false;
  Identifier name;
  std::vector<ColumnDefinition> columns;
  std::optional<Watermark> watermark;
  std::optional<PrimaryKeyConstraint> primary_key;
  std::vector<Property> properties;
  bool operator==(const CreateSource&) const = default;
};

/// `CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [WITH (...)] AS SELECT ...`.
struct CreateSourceAs {
  SourceKind kind = SourceKind::kStream;
  bool or_replace = false;
  bool if_not_exists = false;
  Identifier name;
  std::vector<Property> properties;
  Query query;
  bool operator==(const CreateSourceAs&) const = default;
};

/// `INSERT INTO target [WITH (...)] SELECT ...`.
struct InsertInto {
  Identifier target;
  std::vector<Property> properties;
  Query query;
  bool operator==(const InsertInto&) const = default;
};

/// `INSERT INTO target [(columns)] VALUES (values)`.
struct InsertValues {
  Identifier target;
  std::vector<Identifier> columns;
  std::vector<Expression> values;
  bool operator==(const InsertValues&) const = default;
};

/// `DROP STREAM|TABLE [IF EXISTS] name [DELETE TOPIC]`.
struct DropSource {
  SourceKind kind = SourceKind::kStream;
  bool if_exists = false;
  Identifier name;
  bool delete_topic = false;
  bool operator==(const DropSource&) const = default;
};

/// `CREATE TYPE [IF NOT EXISTS] name AS type`.
struct CreateType {
  bool if_not_exists = false;
  Identifier name;
  DataType type;
  bool operator==(const CreateType&) const = default;
};

/// `DROP TYPE [IF EXISTS] name`.
struct DropType {
  bool if_exists = false;
  Identifier name;
  bool operator==(const DropType&) const = default;
};

/// `ALTER STREAM|TABLE name ADD [COLUMN] name type, ...`.
struct AlterSource {
  SourceKind kind = SourceKind::kStream;
  Identifier name;
  std::vector<ColumnDefinition> added_columns;
  bool operator==(const AlterSource&) const = default;
};

/// `EXPLAIN statement` or `EXPLAIN query_id`.
struct Explain {
  std::optional<Box<Statement>> statement;
  std::optional<Identifier> query_id;
  bool operator==(const Explain&) const = default;
};

/// One statement of a script, with the span of its text (without the trailing `;`).
struct Statement : Node {
  using Variant = std::variant<QueryStatement,
                               Show,
                               DescribeSource,
                               DescribeSources,
                               DescribeFunction,
                               PrintTopic,
                               QueryControl,
                               SetProperty,
                               UnsetProperty,
                               DefineVariable,
                               UndefineVariable,
                               RunScript,
                               CreateSource,
                               CreateSourceAs,
                               InsertInto,
                               InsertValues,
                               DropSource,
                               CreateType,
                               DropType,
                               AlterSource,
                               Explain>;

  Variant node;

  /// Returns the node as `T`, or nullptr when it is another kind.
  template <class T>
  const T* As() const {
    return std::get_if<T>(&node);
  }

  /// Returns true when the node is a `T`.
  template <class T>
  bool Is() const {
    return std::holds_alternative<T>(node);
  }

  bool operator==(const Statement&) const = default;
};

}  // namespace fluxo::ast
