#pragma once

#include <string>
#include <vector>

#include "parser/ast/query.h"
#include "planner/binder/bind_join.h"
#include "planner/binder/expression_binder.h"
#include "planner/logical/projected_column.h"

namespace fluxo::planner {

/// Binds the SELECT list of a join query (without GROUP BY or PARTITION BY) over the joined
/// rows with ksqlDB's rules: `*` is a synthetic key column (if any), then every source's
/// columns, each named `<SOURCE>_<COLUMN>`; `T.*` is one source's columns; an unaliased column
/// is named `<SOURCE>_<COLUMN>` when several sources have a column of that name. The join
/// key must be selected (and only once); it becomes the key column of the result. Throws
/// fluxo::Error with ksqlDB's messages, naming `sink_name`. A transient query (a push query)
/// may leave the key out; its first reference to the key is the key column. The columns come
/// in SELECT order (MoveKeysFirst puts the key first).
std::vector<ProjectedColumn> BindJoinProjection(const ast::Query& query,
                                                const BoundJoins& joins,
                                                const ExpressionBinder& binder,
                                                const std::string& sink_name,
                                                bool transient);

}  // namespace fluxo::planner
