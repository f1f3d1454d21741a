#pragma once

#include <memory>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/operators/operator.h"
#include "runtime/operators/source_reader.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::runtime {

/// The running operators of one query: a SourceReader, then a chain of operators ending in
/// the sink. Push records in; results reach the sink topic.
class Pipeline {
 public:
  /// Builds the operators for `plan` (STYLE.md §2, hop 4: the one place steps become
  /// operators). Throws fluxo::Error (kPlanning) when a step cannot run, e.g. a format that
  /// cannot carry the sink's columns.
  static std::unique_ptr<Pipeline> Build(const planner::PhysicalPlan& plan,
                                         TopicClient& topics,
                                         ProcessingLog& processing_log);

  /// Processes one partition's records, in offset order.
  void Push(const std::vector<TopicRecord>& records);

 private:
  Pipeline() = default;

  void ConnectOperators();

  std::unique_ptr<SourceReader> source_;
  std::vector<std::unique_ptr<Operator>> operators_;
  std::vector<std::unique_ptr<Emitter>> emitters_;  ///< emitters_[i] feeds operators_[i + 1].
};

}  // namespace fluxo::runtime
