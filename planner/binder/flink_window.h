#pragma once

#include <optional>
#include <vector>

#include "parser/ast/query.h"
#include "planner/catalog/source_description.h"
#include "runtime/window/window_spec.h"

namespace fluxo::planner {

/// A window written in Flink's syntax, translated to the window ksqlDB's WINDOW clause would
/// give: `GROUP BY TUMBLE|HOP|SESSION(ts, INTERVAL ...)` with TUMBLE_START / TUMBLE_END (and
/// HOP_, SESSION_) in SELECT, or `FROM TABLE(TUMBLE|HOP(TABLE s, DESCRIPTOR(ts), INTERVAL ...))`
/// grouped by `window_start, window_end`. The time column must be the source's event time
/// (its WATERMARK or TIMESTAMP column, or ROWTIME); the WATERMARK's delay is the grace period.
struct FlinkWindow {
  window::WindowSpec spec;
  std::vector<ast::Expression> starts;  ///< Expressions meaning the window start (TIMESTAMP).
  std::vector<ast::Expression> ends;    ///< Expressions meaning the window end (TIMESTAMP).
};

/// Finds a Flink window in `query`, removing its GROUP BY entries from `group_by`. Returns
/// nothing when the query uses none. Throws fluxo::Error (kPlanning) at the node for a window
/// over a column that is not the event time, a malformed interval, or two windows.
std::optional<FlinkWindow> ExtractFlinkWindow(const ast::Query& query,
                                              const SourceDescription& source,
                                              std::vector<ast::Expression>& group_by);

}  // namespace fluxo::planner
