#include "runtime/operators/repartition_reader.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/operators/repartition_row_codec.h"

namespace fluxo::runtime {

RowBatch RepartitionReader::Read(const std::vector<TopicRecord>& records) {
  RowBatch batch = recycled_.TakeBatch(records.size());
  for (const TopicRecord& record : records) {
    if (!record.value.has_value()) {
      throw Error(ErrorKind::kInternal,
                  "A repartition record without a value at partition " +
                      std::to_string(record.partition) + " offset " +
                      std::to_string(record.offset));
    }
    Row row = recycled_.TakeRow();
    DecodeRepartitionRow(*record.value, row);
    batch.Add(std::move(row));
  }
  return batch;
}

}  // namespace fluxo::runtime
