#include "runtime/operators/repartition_writer.h"

#include <algorithm>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/operators/repartition_row_codec.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

RepartitionWriter::RepartitionWriter(const planner::RepartitionStep& step,
                                     std::string topic,
                                     int32_t partitions,
                                     TopicClient& topics)
    : topic_(std::move(topic)),
      partitions_(partitions),
      topics_(topics),
      written_(static_cast<size_t>(partitions), 0) {
  for (const expr::BoundExpressionPtr& key : step.keys) {
    keys_.push_back(expr::CompileExpression(key));
  }
}

std::string RepartitionWriter::EncodeKey(const Row& row) const {
  // The key values' encodings back to back (as state::EncodeValueList writes a list).
  std::string bytes;
  for (const expr::EvaluatorPtr& key : keys_) {
    Value value;  // NULL when the key cannot be computed: the step after computes it again
                  // and logs why.
    try {
      value = key->Evaluate(row);
    } catch (const Error&) {
    }
    state::EncodeValue(value, bytes);
  }
  return bytes;
}

int64_t RepartitionWriter::SourceTimestamp(int64_t offset, int64_t fallback) {
  if (source_records_ == nullptr) {
    return fallback;
  }
  const std::vector<TopicRecord>& records = *source_records_;
  // Rows come in offset order: the search goes on from the last row's record.
  if (next_record_ >= records.size() || records[next_record_].offset > offset) {
    next_record_ = 0;
  }
  const auto found = std::lower_bound(
      records.begin() + static_cast<ptrdiff_t>(next_record_),
      records.end(),
      offset,
      [](const TopicRecord& record, int64_t wanted) { return record.offset < wanted; });
  if (found == records.end() || found->offset != offset) {
    return fallback;
  }
  next_record_ = static_cast<size_t>(found - records.begin());
  return found->timestamp;
}

void RepartitionWriter::Process(RowBatch&& batch, Emitter& /*downstream*/) {
  next_record_ = 0;
  for (const Row& row : batch) {
    TopicRecord record;
    record.key = EncodeKey(row);
    record.value = EncodeRepartitionRow(row);
    record.timestamp = SourceTimestamp(row.offset, row.timestamp);
    record.partition = PartitionForKey(*record.key, partitions_);
    ++written_[static_cast<size_t>(record.partition)];
    pending_.push_back(std::move(record));
  }
  if (!pending_.empty()) {
    topics_.Send(topic_, pending_);
    pending_.clear();
  }
}

}  // namespace fluxo::runtime
