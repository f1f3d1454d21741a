#pragma once

#include <string>
#include <vector>

#include "planner/binder/expression_scope.h"
#include "planner/catalog/source_description.h"
#include "planner/logical/logical_join.h"

// The sources of a join query while BindJoins binds the joins: each source's side row, and
// where its columns are in the rows of the joins bound so far.

namespace fluxo::planner {

/// One source of a join query: its side row (LogicalJoinInput) and, per side-row column, the
/// source's name for it and its position in the rows of the joins bound so far.
struct JoinSourceState {
  std::string alias;
  const SourceDescription* source = nullptr;
  LogicalJoinInput input;
  std::vector<std::string> names;  ///< Per side-row column: the source's name for it.
  std::vector<size_t> positions;   ///< Per side-row column: its index in the current rows.
};

/// Builds the side row of `source`: its value (and header) columns, ROWTIME, ROWPARTITION and
/// ROWOFFSET, then its key columns, named `<ALIAS>_<COLUMN>`. The key columns are computed in
/// the key namespace, so that a tombstone keeps them; the side row's schema keeps the order.
JoinSourceState MakeJoinSource(const SourceDescription& source, const std::string& alias);

/// Returns the scope of `sources[first, last)` for `clause`: at their positions in the current
/// rows, or (`side_row`) at their positions in their own side rows.
ExpressionScope JoinSourceScope(const std::vector<JoinSourceState>& sources,
                                size_t first,
                                size_t last,
                                bool side_row,
                                const std::string& clause);

/// Returns ksqlDB's name for a synthetic join key: ROWKEY, or ROWKEY_<n> for the first n that
/// no source column uses.
std::string SyntheticJoinKeyName(const std::vector<JoinSourceState>& sources);

}  // namespace fluxo::planner
