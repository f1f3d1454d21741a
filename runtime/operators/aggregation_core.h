#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// The aggregate states of one group (or one window of a group) and the largest timestamp
/// folded into it, which becomes its output rows' timestamp (Kafka Streams' timestamped
/// aggregation stores).
struct GroupState {
  static constexpr size_t kNotPending = static_cast<size_t>(-1);

  int64_t timestamp = 0;
  ValueList states;  ///< One per aggregate call, in call order.
  /// Where PendingGroupChanges keeps the group's change since the last commit, kNotPending
  /// when none: a pending change is found without a lookup. Set by PendingGroupChanges only.
  size_t pending_change = kNotPending;
  /// When the pending change last changed, on PendingGroupChanges' clock. Set by it only.
  uint64_t pending_order = 0;
};

/// The per-row work the aggregation operators share: a row's group key, folding the row into
/// (or out of) a group's state, the rows a state emits, HAVING, and the state's bytes in a
/// store. Expressions are compiled once; a GROUP BY or argument expression that fails on a row
/// is logged with the row's offset (the row is skipped, or the argument is NULL, as ksqlDB does).
class AggregationCore {
 public:
  AggregationCore(const planner::AggregateStep& step, const OperatorContext& context);

  /// Evaluates the GROUP BY expressions on `row`. Returns nothing, after logging the row,
  /// when one of them fails or is NULL (ksqlDB drops such rows).
  /// `log_skips` false only looks (the caller evaluates the row again and logs then).
  std::optional<ValueList> GroupKey(const Row& row, bool log_skips = true) const;

  /// Like GroupKey, into `key` (replaced; reusing one list allocates nothing per row).
  /// Returns false when the row has no group.
  bool GroupKeyInto(const Row& row, ValueList& key, bool log_skips = true) const;

  /// Returns the store key of a group key (value_codec encoding).
  static std::string EncodeKey(const ValueList& key);

  GroupState Initial() const;

  /// Resets `state` to Initial() in place, keeping the memory of its list of states.
  void InitialInto(GroupState& state) const;

  /// Folds `row` into `state`; `sequence` orders the rows for EARLIEST/LATEST_BY_OFFSET.
  void Accumulate(GroupState& state, const Row& row, int64_t sequence) const;

  /// Takes `row` (an earlier Accumulate of it) out of `state`.
  void Undo(GroupState& state, const Row& row) const;

  /// Folds the state of a merged session into `state`.
  void Merge(GroupState& state, const GroupState& merged) const;

  /// Returns the row a group emits: its key columns, the aggregate results, then the window
  /// bounds when windowed; timestamped with the state's timestamp.
  Row OutputRow(std::span<const Value> key,
                const GroupState& state,
                const std::optional<WindowBounds>& window) const;

  /// Returns the delete of a group's row (a tombstone carrying the key and window).
  Row DeleteRow(const ValueList& key,
                int64_t timestamp,
                const std::optional<WindowBounds>& window) const;

  /// Returns true when the query has a HAVING clause.
  bool HasHaving() const { return having_ != nullptr; }

  /// Returns true when there is no HAVING or `output` satisfies it.
  bool PassesHaving(const Row& output) const;

  std::string EncodeState(const GroupState& state) const;

  /// Like EncodeState, into `bytes` (replaced; reusing one string allocates nothing).
  void EncodeStateInto(const GroupState& state, std::string& bytes) const;

  GroupState DecodeState(std::string_view bytes) const;

 private:
  /// Evaluates the arguments of call `call` on `row` into arguments_ and returns them.
  std::span<const Value> Arguments(size_t call, const Row& row) const;

  struct CompiledCall {
    std::shared_ptr<const aggregates::AggregateFunction> function;
    std::vector<expr::EvaluatorPtr> arguments;
    std::optional<size_t> column;  ///< The row position of the only argument, a column.
  };

  /// Returns the arguments of call `call` on `row`: none, or the row's column itself when
  /// the only argument is a column (nothing evaluated, nothing copied), else Arguments.
  std::span<const Value> ArgumentsOf(size_t call, const Row& row) const {
    const CompiledCall& compiled = calls_[call];
    if (compiled.column.has_value()) {
      return {&row.values[*compiled.column], 1};
    }
    if (compiled.arguments.empty()) {
      return {};
    }
    return Arguments(call, row);
  }

  std::vector<expr::EvaluatorPtr> keys_;
  std::vector<CompiledCall> calls_;
  expr::EvaluatorPtr having_;
  bool windowed_ = false;
  OperatorContext context_;
  ValueList initial_states_;     ///< Initial() of every call, copied into each new group.
  mutable ValueList arguments_;  ///< Reused by Arguments, so that a row allocates no list.
};

}  // namespace fluxo::runtime
