#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/join_rows.h"
#include "runtime/state/key_value_store.h"
#include "runtime/state/window_store.h"

namespace fluxo::runtime {

/// `stream JOIN stream WITHIN (before, after) [GRACE PERIOD g]` (Kafka Streams'
/// KStreamKStreamJoin as ksqlDB runs it): INNER, LEFT, RIGHT and FULL OUTER.
///
/// Consumes two streams (inserts; null-valued records only move stream time). Each input's
/// rows are kept in a window store by key and time, and a row joins the other input's rows
/// of the same key whose time t' satisfies t - before <= t' <= t + after (seen from the
/// left). A joined row is emitted at once, timestamped with the later of the two times.
/// Rows leave a buffer once their input's stream time has passed them by before + after +
/// grace (24 h when GRACE PERIOD is absent), so a late row only finds rows still kept.
///
/// Rows of an outer side that match nothing: without GRACE PERIOD (ksqlDB's legacy
/// behaviour) they are emitted at once, padded with NULLs, and may be followed by joined rows
/// when matches arrive. With GRACE PERIOD they wait in a third store until their window has
/// closed (row time + after, or + before for the right side, + grace < stream time), then are
/// emitted in time order, unless a match arrived meanwhile; a row whose window had already
/// closed when it arrived is emitted at once. A row whose key is NULL joins nothing: an outer
/// side emits it padded at once. Stream time is the largest time either input has seen.
class StreamStreamJoinOperator final : public JoinOperator {
 public:
  StreamStreamJoinOperator(const planner::JoinStep& step, OperatorContext context);

  void ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) override;

  void Flush(Emitter& downstream) override;

 private:
  struct Times {
    int64_t stream = std::numeric_limits<int64_t>::min();        ///< Both inputs.
    int64_t observed[2] = {std::numeric_limits<int64_t>::min(),  ///< Per input buffer.
                           std::numeric_limits<int64_t>::min()};
    int64_t min_outer = std::numeric_limits<int64_t>::max();  ///< Earliest waiting row.
    uint64_t sequence = 0;                                    ///< Next buffer entry number.
  };

  void ProcessRow(JoinSide side, const Row& row, RowBatch& output);
  bool IsOuter(JoinSide side) const;
  /// Emits the waiting unmatched rows whose window has closed (Kafka Streams'
  /// emitNonJoinedOuterRecords, run when a row moves stream time).
  void EmitClosedOuterRows(JoinSide side, RowBatch& output);
  /// Forgets the waiting unmatched rows of `side` with this key and time: they matched.
  void DropOuterRows(JoinSide side, const std::string& key, int64_t time);
  Row PaddedRow(JoinSide side,
                const Value& key,
                const ValueList& values,
                int64_t timestamp,
                const std::optional<WindowBounds>& window) const;

  planner::JoinType type_;
  int64_t before_ms_;
  int64_t after_ms_;
  int64_t grace_ms_;
  int64_t retention_ms_;
  bool holds_unmatched_;  ///< GRACE PERIOD given and an outer side: unmatched rows wait.
  JoinRows rows_;
  state::WindowStore* buffers_[2] = {nullptr, nullptr};
  state::KeyValueStore* unmatched_ = nullptr;
  state::KeyValueStore* times_store_ = nullptr;
  Times times_;
};

}  // namespace fluxo::runtime
