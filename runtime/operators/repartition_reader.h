#pragma once

#include <utility>
#include <vector>

#include "runtime/core/recycled_rows.h"
#include "runtime/core/row_batch.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// The start of the second half of a repartitioned pipeline: turns the records of a repartition
/// topic back into the rows a RepartitionWriter wrote (repartition_row_codec.h).
class RepartitionReader {
 public:
  /// Reads `records` (one partition, offset order) into a batch. Throws fluxo::Error
  /// (kInternal) for a record no RepartitionWriter wrote.
  RowBatch Read(const std::vector<TopicRecord>& records);

  /// Takes back a batch that Read returned, once processed, to reuse its rows' memory.
  void Recycle(RowBatch&& batch) { recycled_.GiveBack(std::move(batch)); }

 private:
  RecycledRows recycled_;
};

}  // namespace fluxo::runtime
