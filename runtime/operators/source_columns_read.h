#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "planner/physical/physical_plan.h"

namespace fluxo::runtime {

/// Which columns of a query's source rows its steps read (`[i]` for column i; columns past the
/// end are not read), so that the source reader may leave the others NULL where that saves
/// work (SourceReader::IgnoreUnusedColumns). Nothing when any column may be read.
///
/// Without a join: the source row reaches the WHERE and then a projection, PARTITION BY or an
/// aggregation, whose expressions say what they read; a table's aggregation (which keeps whole
/// rows to undo them) reads everything. With one join: what those steps read of the joined
/// row, mapped back through the join's layout to each input's side row and through the input's
/// preparing projection to its source row, plus the join key's columns. Plans with several
/// joins read everything.
///
/// `input` is the index of the source: 0 without a join, the join input's index with one.
std::optional<std::vector<bool>> SourceColumnsRead(const planner::PhysicalPlan& plan, size_t input);

/// Which columns of the joined rows of a plan with one join the steps after the join read
/// (`[i]` for column i; columns past the end are not read), so that the join may leave the
/// others NULL. Nothing without exactly one join, or when any column may be read.
std::optional<std::vector<bool>> JoinedColumnsRead(const planner::PhysicalPlan& plan);

}  // namespace fluxo::runtime
