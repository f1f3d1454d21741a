#pragma once

// Adding an operator is five edits (Velox's checklist, STYLE.md §9.1):
//   1. a logical node in planner/logical (if new),
//   2. a physical step in planner/physical/physical_plan.h (and its EXPLAIN line),
//   3. a *Operator .h/.cpp here,
//   4. a case in pipeline.cpp (BuildPipeline: the one place steps become operators),
//   5. a unit test, and a QTT or SQL test that runs it.

#include <string>

#include "runtime/core/processing_log.h"
#include "runtime/core/row_batch.h"
#include "runtime/state/state_instance.h"

namespace fluxo::runtime {

/// Receives the batches an operator produces.
class Emitter {
 public:
  virtual ~Emitter() = default;
  virtual void Emit(RowBatch&& batch) = 0;
};

/// What a query's operators count for monitoring (REST's /metrics); owned by its Pipeline.
struct QueryCounters {
  uint64_t records_written = 0;       ///< Records the sink produced.
  uint64_t late_records_dropped = 0;  ///< Records that came after their window closed.
};

/// What every operator of one query needs besides its step: where skipped rows are logged.
struct OperatorContext {
  std::string query_id;
  std::string source_topic;  ///< For processing-log entries (rows carry partition and offset).
  ProcessingLog* processing_log = nullptr;
  state::StateInstance* state = nullptr;  ///< The task's state stores (stateful operators).
  QueryCounters* counters = nullptr;      ///< The query's counters (none in some unit tests).

  /// Logs a problem with `row` (skipped, or a value replaced by NULL) and counts it.
  void SkipRow(const Row& row, const std::string& reason) const;

  /// Logs `row` as dropped for arriving after its window closed, and counts it as late.
  void DropLateRow(const Row& row, const std::string& reason) const;
};

/// A push-based operator: gets a batch, emits zero or more batches downstream. One task thread
/// drives a pipeline, so operators need no locks. The step that configured an operator is
/// immutable; the operator owns any state.
class Operator {
 public:
  virtual ~Operator() = default;

  virtual void Process(RowBatch&& batch, Emitter& downstream) = 0;

  /// Before the task commits: emits to `downstream` the rows the operator held back until the
  /// commit (an aggregation's collapsed changes), then writes what it caches into its state
  /// stores. The pipeline flushes its operators in chain order, so what one emits here reaches
  /// the next before that one flushes.
  virtual void Flush(Emitter& /*downstream*/) {}
};

}  // namespace fluxo::runtime
