#include "runtime/engine/persistent_query.h"

#include <utility>

namespace fluxo::engine {

PersistentQuery::PersistentQuery(planner::PhysicalPlan plan,
                                 std::string statement,
                                 runtime::TopicClient& topics,
                                 ProcessingLog& processing_log)
    : plan_(std::move(plan)), statement_(std::move(statement)), topics_(topics) {
  pipeline_ = runtime::Pipeline::Build(plan_, topics_, processing_log);
}

size_t PersistentQuery::Poll() {
  const std::string& topic = plan_.source.source.topic;
  const int32_t partitions = topics_.PartitionCount(topic);
  size_t read = 0;
  for (int32_t partition = 0; partition < partitions; ++partition) {
    int64_t& next = next_offsets_[partition];  // Starts at 0: earliest, as QTT runs.
    while (true) {
      const std::vector<runtime::TopicRecord> records =
          topics_.Fetch(topic, partition, next, kBatchSize);
      if (records.empty()) {
        break;
      }
      next = records.back().offset + 1;
      read += records.size();
      pipeline_->Push(records);
    }
  }
  return read;
}

}  // namespace fluxo::engine
