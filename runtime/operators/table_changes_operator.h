#pragma once

#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/operator.h"
#include "runtime/state/key_value_store.h"

namespace fluxo::runtime {

/// Turns a table's records (upserts and tombstones by key) into explicit changes, keeping the
/// table's current rows in a state store: a new key is an insert, a replaced row an
/// update-before (the old values) followed by an update-after, a tombstone a delete carrying
/// the old values (or nothing when the key had no row). An aggregation downstream can then
/// take a replaced row out of its old group, as ksqlDB does.
class TableChangesOperator final : public Operator {
 public:
  TableChangesOperator(const planner::TableChangesStep& step, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  std::vector<size_t> key_indexes_;
  state::KeyValueStore* store_;
  OperatorContext context_;
};

}  // namespace fluxo::runtime
