#pragma once

#include <map>
#include <memory>
#include <string>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/operators/pipeline.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// A running CREATE ... AS SELECT or INSERT INTO ... SELECT: its plan, its operators, and how
/// far it has read each source partition.
class PersistentQuery {
 public:
  PersistentQuery(planner::PhysicalPlan plan,
                  std::string statement,
                  runtime::TopicClient& topics,
                  ProcessingLog& processing_log);

  const std::string& id() const { return plan_.query_id; }

  const planner::PhysicalPlan& plan() const { return plan_; }

  const std::string& statement() const { return statement_; }

  /// Reads and processes what is available on every source partition; returns the number of
  /// records read.
  size_t Poll();

 private:
  static constexpr size_t kBatchSize = 1024;

  planner::PhysicalPlan plan_;
  std::string statement_;
  runtime::TopicClient& topics_;
  std::unique_ptr<runtime::Pipeline> pipeline_;
  std::map<int32_t, int64_t> next_offsets_;  ///< Per source partition.
};

}  // namespace fluxo::engine
