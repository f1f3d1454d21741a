#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runtime/core/row_batch.h"
#include "runtime/operators/aggregation_core.h"

namespace fluxo::runtime {

/// The groups an aggregation changed since the last commit, when ksqlDB's record cache is on
/// (AggregateStep::collapse_changes): each changed group emits its latest row once, at the
/// commit, instead of one row per input record, as Kafka Streams' caching stores forward only
/// the latest value of each dirty key when they flush.
///
/// A change is known by its group's state (owned by the GroupStateCache, whose entries stay
/// put until its Flush, which follows the emission). For HAVING it keeps the row downstream
/// saw last (the group's row before its first change since the commit), so that a group that
/// stops satisfying HAVING still becomes a delete. Take returns the changes in the order of
/// their groups' last changes, the order in which Kafka Streams' cache flushes dirty keys.
class PendingGroupChanges {
 public:
  /// One changed group.
  struct Change {
    ValueList key;
    std::optional<WindowBounds> window;
    GroupState* state = nullptr;
    std::optional<Row> before;  ///< HAVING only: the row before the first change; none if new.
    uint64_t last_change = 0;   ///< Orders the changes by their groups' last change.
  };

  /// Notes another change of `state`'s group when it is already pending and returns true;
  /// returns false (and notes nothing) for a group's first change since the last Take.
  bool Touch(GroupState& state);

  /// Adds the first change of `state`'s group since the last Take (Touch returned false).
  void Add(GroupState& state,
           const ValueList& key,
           const std::optional<WindowBounds>& window,
           std::optional<Row> before);

  bool empty() const { return changes_.empty(); }

  /// Returns the pending changes in the order of their last change and forgets them. The
  /// returned list is valid until the next Take.
  std::vector<Change>& Take();

 private:
  std::vector<Change> changes_;  ///< In the order of first changes; GroupState::pending_change.
  std::vector<std::pair<uint64_t, size_t>> order_;  ///< Reused by Take.
  std::vector<Change> taken_;                       ///< Reused by Take.
  uint64_t next_change_ = 0;
};

}  // namespace fluxo::runtime
