#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parser/ast/expression.h"
#include "runtime/core/source_span.h"
#include "runtime/core/sql_type.h"

namespace fluxo::planner {

/// One column an expression may name, with where it sits in the row.
struct ScopeColumn {
  std::string source;  ///< The source's name or alias, for qualified references (`T.PRICE`).
  std::string name;
  size_t index = 0;  ///< Position in the row the expression is evaluated on.
  SqlTypePtr type;
};

/// The columns visible to an expression and what else it may use.
struct ExpressionScope {
  std::vector<ScopeColumn> columns;
  bool allow_pseudocolumns = true;  ///< ROWTIME, ROWPARTITION, ROWOFFSET.
  bool windowed = false;  ///< The rows come from a windowed source: WINDOWSTART, WINDOWEND.
  std::string clause;     ///< "SELECT", "WHERE", ...: names the clause in "cannot be resolved".
  /// The sources a qualifier may name (a join's aliases); when set, any other qualifier is an
  /// error of its own, as in ksqlDB.
  std::vector<std::string> sources;

  /// Whole expressions that stand for a column of the row: after a GROUP BY, a GROUP BY
  /// expression is its key column and an aggregate call is its result column. A node equal
  /// (structurally) to `expression` binds as a reference to column `index`.
  struct Replacement {
    const ast::Expression* expression = nullptr;
    size_t index = 0;
    SqlTypePtr type;  ///< The type the expression has, when not the column's (else nullptr).
  };

  std::vector<Replacement> replacements;

  /// Finds `name` (qualified by `source` when given). Throws fluxo::Error of kind kBinding at
  /// `span` when it does not resolve (with a "Did you mean" hint) or is ambiguous.
  const ScopeColumn* Resolve(const std::optional<std::string>& source,
                             const std::string& name,
                             const SourceSpan& span) const;

  /// Like Resolve but returns nullptr instead of throwing when nothing matches.
  const ScopeColumn* Find(const std::optional<std::string>& source,
                          const std::string& name,
                          const SourceSpan& span) const;
};

}  // namespace fluxo::planner
