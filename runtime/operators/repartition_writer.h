#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/expr/evaluator.h"
#include "runtime/operators/operator.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// The end of the first half of a repartitioned pipeline (planner::RepartitionStep): writes
/// each row to the repartition topic, keyed by the new key (the value_codec encoding of its
/// value, or of the list of its values for a GROUP BY of several expressions) on the
/// partition Kafka's default partitioner picks for that key, so that equal keys share a
/// partition, with the whole row as the value (repartition_row_codec.h). The record's
/// timestamp is that of the source record the row came from, so that the query reads the
/// repartitioned records in the same timestamp order, among its other inputs, as the source
/// records. Emits nothing: the query reads the topic back as one more input.
class RepartitionWriter final : public Operator {
 public:
  RepartitionWriter(const planner::RepartitionStep& step,
                    std::string topic,
                    int32_t partitions,
                    TopicClient& topics);

  /// The source records the next batch's rows come from (one partition, offset order): where
  /// each row's record timestamp is read. Without them a row's event time is used.
  void SetSourceRecords(const std::vector<TopicRecord>* records) { source_records_ = records; }

  void Process(RowBatch&& batch, Emitter& downstream) override;

  /// The records written to each partition of the topic since this writer was built.
  const std::vector<uint64_t>& written() const { return written_; }

 private:
  /// The key bytes of `row`'s record.
  std::string EncodeKey(const Row& row) const;
  /// The timestamp of the source record at `offset`, else `fallback`.
  int64_t SourceTimestamp(int64_t offset, int64_t fallback);

  std::vector<expr::EvaluatorPtr> keys_;
  std::string topic_;
  int32_t partitions_;
  TopicClient& topics_;
  const std::vector<TopicRecord>* source_records_ = nullptr;
  size_t next_record_ = 0;  ///< Where the search for the next row's source record starts.
  std::vector<uint64_t> written_;
  std::vector<TopicRecord> pending_;  ///< One batch's records, sent together.
};

}  // namespace fluxo::runtime
