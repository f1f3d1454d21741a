#pragma once

#include <string>
#include <vector>

#include "parser/ast/query.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_join.h"

// ksqlDB's rules for a join's sources and ON condition, with its messages: the checks of
// BindJoins that need no scope.

namespace fluxo::planner {

/// Throws ksqlDB's first error for a qualifier that names no source or alias in FROM
/// ("'X' is not a valid stream/table name or alias."), checked in every clause before anything
/// else as ksqlDB's parser does.
void CheckJoinQualifiers(const ast::Query& query,
                         const std::vector<const ast::AliasedRelation*>& from);

/// Returns the catalog source a FROM or JOIN relation names. Throws fluxo::Error (kBinding)
/// with ksqlDB's message when it does not exist, and (kPlanning) for a window table function.
const SourceDescription& FindJoinSource(const Catalog& catalog,
                                        const ast::AliasedRelation& relation);

/// Throws ksqlDB's error when a source's values are in the KAFKA format, which cannot carry a
/// join's rows: "Source(s) A, B are using the 'KAFKA' value format. ...".
void RejectKafkaValueFormat(const std::vector<const SourceDescription*>& sources,
                            const SourceSpan& span);

/// Returns the `left = right` of an ON condition; throws for anything else (several
/// conditions, other comparisons).
const ast::Comparison& EqualityCondition(const ast::Expression& condition);

/// Prints an expression of a join condition as ksqlDB's messages do: "(T.ID = 0)".
std::string JoinExpressionText(const ast::Expression& expression);

/// Throws when a windowed source is joined with a non-windowed one, or with a source of an
/// incompatible window type (sessions join sessions only), or when windowed sources would need
/// a repartition: a condition that is not key = key, or windows of different sizes.
void RejectWindowedSources(const SourceDescription& left,
                           const std::string& left_alias,
                           const SourceDescription& right,
                           const std::string& right_alias,
                           bool key_to_key,
                           const SourceSpan& span);

/// The sides of a join condition after flipping it so that the left side reads the left
/// input, as the checks below need them.
struct JoinSides {
  const ast::Expression* left = nullptr;
  const ast::Expression* right = nullptr;
  bool flipped = false;               ///< The condition was written right = left.
  std::string left_name;              ///< The leftmost source, for messages.
  std::string right_name;             ///< The right source, for messages.
  bool left_is_primary_key = false;   ///< The left side is its table's PRIMARY KEY column.
  bool right_is_primary_key = false;  ///< The right side is its table's PRIMARY KEY column.
};

/// Decides stream-stream, stream-table or table-table and applies ksqlDB's rules for each:
/// no table-stream order, no FULL OUTER stream-table join, tables joined on their primary
/// keys, WITHIN for stream-stream joins only (and required there).
JoinKind CheckJoinKind(JoinType type,
                       bool left_is_table,
                       bool right_is_table,
                       const JoinSides& sides,
                       const ast::Join& join);

/// Throws when the two sides of the condition have different types.
void CheckKeyTypes(JoinKind kind,
                   const SqlTypePtr& left,
                   const SqlTypePtr& right,
                   const JoinSides& sides,
                   const ast::Join& join);

/// Throws ksqlDB's error for a key column whose type is or holds a MAP.
void RejectMapKey(const std::string& key_name, const SqlTypePtr& type, const SourceSpan& span);

}  // namespace fluxo::planner
