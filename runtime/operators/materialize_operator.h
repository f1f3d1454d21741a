#pragma once

#include <string>
#include <unordered_map>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/materialized_table.h"
#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// Keeps the current rows of a query's TABLE result for pull queries. Consumes the rows on
/// their way to the sink (a table's changelog) and passes them on unchanged. State: one
/// MaterializedTable in the key-value store the step names, one entry per key (and window).
/// Reads the changelog as the sink writes it: a tombstone deletes its key's row, an
/// update-before is ignored (the update-after that follows replaces the row), any other row
/// becomes its key's row. A row without a key (or, for a windowed table, without a window) is
/// not stored, since a table reading the sink topic would ignore it too.
///
/// Write-back: each key's latest change is kept decoded in memory and encoded into the store
/// once per key at Flush (before the task commits, so pull queries and a restarted task see
/// every row processed before the commit), or earlier when more than kMaxPending keys wait.
/// An aggregation's key changes many times between two commits; it is encoded once.
///
/// Write-through (`one_row_per_key_per_commit`): when the rows come from an aggregation that
/// collapses its changes (ksqlDB's record cache), each key arrives at most once between two
/// commits, so holding it back would only add a copy and a hash lookup: each row is encoded
/// into the store as it passes. The store ends with the same rows either way.
class MaterializeOperator final : public Operator {
 public:
  MaterializeOperator(const planner::MaterializeStep& step,
                      OperatorContext context,
                      bool one_row_per_key_per_commit = false);

  void Process(RowBatch&& batch, Emitter& downstream) override;

  void Flush(Emitter& downstream) override;

 private:
  /// A key's latest change since the last Flush: its row, or its delete.
  struct Pending {
    Row row;
    bool deleted = false;
  };

  /// Writes every pending change into the table's store.
  void WritePending();

  static constexpr size_t kMaxPending = 100000;

  MaterializedTable table_;
  bool windowed_;
  bool write_through_;
  std::unordered_map<std::string, Pending> pending_;  ///< By encoded key.
  std::string scratch_key_;                           ///< Reused key encoding buffer.
};

}  // namespace fluxo::runtime
