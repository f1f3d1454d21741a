#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parser/ast/query.h"
#include "planner/binder/expression_scope.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_join.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::planner {

/// One source of a join query as the clauses after FROM see it.
struct JoinSource {
  std::string alias;
  const SourceDescription* source = nullptr;
  /// The source's columns in SELECT * order (key columns, then the others), each with its
  /// position in the last join's rows.
  std::vector<ScopeColumn> star_columns;
};

/// FROM ... JOIN ... after binding: the inputs and joins of the logical plan, and what WHERE,
/// GROUP BY, PARTITION BY and SELECT may name in the joined rows.
struct BoundJoins {
  std::vector<LogicalJoinInput> inputs;
  std::vector<LogicalJoin> joins;
  std::vector<JoinSource> sources;  ///< In FROM order.
  /// Every column of every source (`T.ID`, pseudocolumns included), at its position in the
  /// last join's rows; a column that names the join key points at the key column (0), and a
  /// synthetic key column has no source.
  std::vector<ScopeColumn> columns;
  std::vector<std::string> common_names;  ///< Column names found in more than one source.
  bool synthetic_key = false;  ///< The key column is no source column (ROWKEY, ROWKEY_1, ...).
  /// The source columns that may be the key column, as ksqlDB prints them ("L.A"); for a
  /// synthetic key, its name.
  std::vector<std::string> viable_keys;

  /// Returns the last join's rows.
  const LogicalSchema& schema() const { return joins.back().schema; }

  /// Returns true when the result is a table (a table-table join).
  bool ProducesTable() const { return joins.back().kind == JoinKind::kTableTable; }

  /// Returns the scope of a clause over the last join's rows.
  ExpressionScope Scope(const std::string& clause) const;

  /// Returns the name ksqlDB gives an unaliased SELECT item that is a column of the joined
  /// rows: `<SOURCE>_<NAME>` when several sources have a column of that name, else the name.
  std::string ColumnName(const ScopeColumn& column) const;
};

/// Binds the FROM source and every JOIN of `query` with ksqlDB's rules and messages: known
/// and distinct sources, an equality ON condition whose sides each read one source, stream-
/// stream joins WITHIN a window, stream-table and table-table joins on the table's primary
/// key, matching key types, and the join key: the first source column of the ON condition
/// that SELECT names (or a synthetic ROWKEY for a FULL OUTER join or a condition between
/// expressions). Throws fluxo::Error (kBinding or kPlanning) at the node at fault.
BoundJoins BindJoins(const ast::Query& query,
                     const Catalog& catalog,
                     const functions::FunctionRegistry& functions);

}  // namespace fluxo::planner
