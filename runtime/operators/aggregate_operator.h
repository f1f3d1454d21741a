#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/aggregation_core.h"
#include "runtime/operators/final_window_emitter.h"
#include "runtime/operators/group_state_cache.h"
#include "runtime/operators/operator.h"
#include "runtime/operators/pending_group_changes.h"

namespace fluxo::runtime {

/// GROUP BY without a window or with a TUMBLING or HOPPING window (Kafka Streams'
/// KStreamAggregate / KTableAggregate / KStreamWindowAggregate). For every input row it
/// updates the state of the row's group (of each window holding the row's time) and emits
/// the group's new row, timestamped with the largest timestamp the group has seen. A table's
/// changes arrive as deletes / update-befores (undone from their group, which emits its row
/// too) and inserts / update-afters. HAVING turns a group that stops satisfying it into a
/// delete; a group that never did emits nothing. A record whose window has closed (end +
/// grace reached by stream time) is dropped and logged. With EMIT FINAL each window's last
/// row is held back until the window closes, then emitted once. With collapse_changes (ksqlDB's
/// record cache), EMIT CHANGES emits each changed group's latest row once per commit, at Flush.
class AggregateOperator final : public Operator {
 public:
  AggregateOperator(const planner::AggregateStep& step, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

  void Flush(Emitter& downstream) override;

 private:
  void ProcessRow(const Row& row, RowBatch& output);

  /// A table row replaced within its group: one change instead of two. Returns false when
  /// the rows belong to different groups (then each is processed on its own).
  bool ProcessUpdate(const Row& before, const Row& after, RowBatch& output);

  /// Applies `row` to one group (and window) and adds what it emits to `output`.
  void UpdateGroup(const ValueList& key,
                   const HashedGroupKey& hashed_key,
                   const std::optional<WindowBounds>& window,
                   const Row& row,
                   bool subtract,
                   RowBatch& output);

  /// Changes a group's state with `apply(state)`, then emits the group's new row (or, with
  /// collapsed changes, notes the group as changed, to emit its row at Flush).
  template <typename Apply>
  void ChangeGroup(const ValueList& key,
                   const std::optional<WindowBounds>& window,
                   const GroupStateCache::Update& update,
                   RowBatch& output,
                   Apply&& apply);

  /// Emits a group's change: its new row, or a delete when HAVING no longer holds.
  void EmitChange(const std::optional<Row>& before, Row after, RowBatch& output);

  planner::AggregateStep step_;
  OperatorContext context_;
  AggregationCore core_;
  GroupStateCache cache_;
  int64_t stream_time_ = std::numeric_limits<int64_t>::min();
  int64_t sequence_ = 0;
  std::unique_ptr<FinalWindowEmitter> final_emitter_;  ///< EMIT FINAL only.
  PendingGroupChanges pending_;                        ///< EMIT CHANGES with collapse_changes only.
  ValueList row_key_;                      ///< ProcessRow's group key, reused from row to row.
  std::vector<WindowBounds> row_windows_;  ///< ProcessRow's windows, reused from row to row.
};

}  // namespace fluxo::runtime
