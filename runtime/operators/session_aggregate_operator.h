#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/aggregation_core.h"
#include "runtime/operators/final_window_emitter.h"
#include "runtime/operators/group_state_cache.h"
#include "runtime/operators/operator.h"
#include "runtime/state/window_store.h"

namespace fluxo::runtime {

/// GROUP BY with a SESSION window (Kafka Streams' KStreamSessionWindowAggregate). A record
/// joins every session of its key that ends no more than `gap` before it or starts no more
/// than `gap` after it; those sessions merge into one holding the record. Each merged-away
/// session is deleted downstream (a tombstone timestamped with its end), then the merged
/// session's row is emitted, timestamped with its end. Sessions that ended before stream time
/// minus retention are no longer found, and a merged session ending before stream time minus
/// grace minus gap is late: the record is dropped and logged. With EMIT FINAL each session's
/// last row is emitted once it closes and deletes are not emitted.
class SessionAggregateOperator final : public Operator {
 public:
  SessionAggregateOperator(const planner::AggregateStep& step, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

  void Flush(Emitter& downstream) override;

 private:
  void ProcessRow(const Row& row, RowBatch& output);

  /// The key's sessions that may merge with a record at `timestamp`, flushed ones included.
  std::vector<WindowBounds> CandidateSessions(const std::string& encoded_key, int64_t timestamp);

  void Emit(Row row, const std::string& encoded_key, RowBatch& output);

  planner::AggregateStep step_;
  OperatorContext context_;
  AggregationCore core_;
  state::WindowStore& store_;
  GroupStateCache cache_;
  /// Sessions created since the last flush, per key: the store does not have them yet.
  std::map<std::string, std::vector<WindowBounds>> unflushed_;
  int64_t stream_time_ = std::numeric_limits<int64_t>::min();
  int64_t sequence_ = 0;
  std::unique_ptr<FinalWindowEmitter> final_emitter_;  ///< EMIT FINAL only.
};

}  // namespace fluxo::runtime
