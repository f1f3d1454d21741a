#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/operators/operator.h"
#include "runtime/serde/record_serde.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// The end of a pipeline: serializes each row's key and value columns with the sink's formats
/// and produces the record, with the row's event time as its timestamp (or the sink's
/// TIMESTAMP column). A null-valued row becomes a null value. A row that cannot be written is
/// skipped and logged. Emits nothing downstream.
class SinkOperator final : public Operator {
 public:
  SinkOperator(const planner::SinkStep& step, TopicClient& topics, OperatorContext context);

  void Process(RowBatch&& batch, Emitter& downstream) override;

 private:
  std::string topic_;
  TopicClient& topics_;
  std::unique_ptr<serde::RecordSerde> key_serde_;
  std::unique_ptr<serde::RecordSerde> value_serde_;
  std::vector<size_t> key_indexes_;
  std::vector<size_t> value_indexes_;
  std::optional<size_t> timestamp_index_;
  std::optional<planner::WindowType> window_type_;  ///< Set for a windowed sink: windowed keys.
  OperatorContext context_;
  std::vector<TopicRecord> produced_;  ///< One batch's records, produced together.
};

}  // namespace fluxo::runtime
