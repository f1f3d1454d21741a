#include "runtime/operators/repartition_reader.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/operators/repartition_row_codec.h"

namespace fluxo::runtime {

RowBatch RepartitionReader::Read(const std::vector<TopicRecord>& records) {
  RowBatch batch = std::move(spare_);
  batch.Clear();
  batch.Reserve(records.size());
  for (const TopicRecord& record : records) {
    if (!record.value.has_value()) {
      throw Error(ErrorKind::kInternal,
                  "A repartition record without a value at partition " +
                      std::to_string(record.partition) + " offset " +
                      std::to_string(record.offset));
    }
    Row row;
    DecodeRepartitionRow(*record.value, row);
    batch.Add(std::move(row));
  }
  return batch;
}

void RepartitionReader::Recycle(RowBatch&& batch) {
  batch.Clear();
  spare_ = std::move(batch);
}

}  // namespace fluxo::runtime
