#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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
/// stops satisfying HAVING still becomes a delete. TakeEach visits the changes in the order of
/// their groups' last changes, the order in which Kafka Streams' cache flushes dirty keys (its
/// LRU list): each change of a pending group stamps the group's state with the next tick of a
/// clock (GroupState::pending_order, in memory the update reads anyway), and TakeEach sorts the
/// changes by their stamps. So another change of a pending group touches no list at all, where
/// moving it to the end of a linked list would read its two neighbours, anywhere in memory.
/// The group keys are copied into one list shared by all changes, so that a change allocates
/// no key list of its own.
class PendingGroupChanges {
 public:
  /// One changed group.
  struct Change {
    std::optional<WindowBounds> window;
    GroupState* state = nullptr;
    std::optional<Row> before;  ///< HAVING only: the row before the first change; none if new.
    size_t key_begin = 0;       ///< The group key: key_values_[key_begin, key_begin + key_size).
    size_t key_size = 0;
  };

  /// Notes another change of `state`'s group when it is already pending and returns true;
  /// returns false (and notes nothing) for a group's first change since the last TakeEach.
  bool Touch(GroupState& state);

  /// Adds the first change of `state`'s group since the last TakeEach (Touch returned false).
  void Add(GroupState& state,
           std::span<const Value> key,
           const std::optional<WindowBounds>& window,
           std::optional<Row> before);

  bool empty() const { return changes_.empty(); }

  size_t size() const { return changes_.size(); }

  /// Calls `visit(key, change)` (a std::span<const Value> and a Change&) for each pending
  /// change in the order of their last changes, then forgets them all.
  template <typename Visit>
  void TakeEach(Visit&& visit) {
    SortByLastChange();
    for (const auto& [order, index] : by_last_change_) {
      Change& change = changes_[index];
      change.state->pending_change = GroupState::kNotPending;
      visit(std::span<const Value>(key_values_.data() + change.key_begin, change.key_size), change);
    }
    Clear();
  }

 private:
  /// Fills by_last_change_ with the changes in the order of their last changes.
  void SortByLastChange();

  /// Forgets every change (their groups' pending_change must be reset already).
  void Clear();

  std::vector<Change> changes_;    ///< In the order of first changes; GroupState::pending_change.
  std::vector<Value> key_values_;  ///< The changes' group keys, back to back.
  uint64_t clock_ = 0;             ///< The last stamp given (GroupState::pending_order).
  /// TakeEach's (stamp, change) pairs, reused from commit to commit.
  std::vector<std::pair<uint64_t, size_t>> by_last_change_;
};

}  // namespace fluxo::runtime
