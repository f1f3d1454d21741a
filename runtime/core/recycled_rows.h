#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "runtime/core/row_batch.h"

namespace fluxo {

/// The memory of processed batches, kept for the next one: a reader takes a batch and rows
/// from it while it decodes records, and gets the batch back once operators are done with it,
/// so that a steady stream of batches allocates nothing for rows it has seen the like of.
class RecycledRows {
 public:
  /// An empty batch with room for `rows`, reusing the last batch given back. Starts handing
  /// out the values of that batch's rows (TakeRow).
  RowBatch TakeBatch(size_t rows) {
    RowBatch batch = std::move(spare_batch_);
    batch.Clear();
    batch.Reserve(rows);
    next_spare_ = 0;
    return batch;
  }

  /// A row whose `values` are empty but keep the memory of a row given back, while any is left.
  Row TakeRow() {
    Row row;
    if (next_spare_ < spare_values_.size()) {
      row.values = std::move(spare_values_[next_spare_++]);
      row.values.clear();
    }
    return row;
  }

  /// Takes back a batch once processed: its rows' values and its own memory are reused.
  void GiveBack(RowBatch&& batch) {
    spare_values_.clear();
    for (Row& row : batch) {
      spare_values_.push_back(std::move(row.values));
    }
    next_spare_ = 0;
    batch.Clear();
    spare_batch_ = std::move(batch);
  }

 private:
  RowBatch spare_batch_;
  std::vector<ValueList> spare_values_;
  size_t next_spare_ = 0;
};

}  // namespace fluxo
