#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/physical/physical_plan.h"
#include "runtime/core/processing_log.h"
#include "runtime/operators/pipeline.h"
#include "runtime/state/state_instance.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// A running CREATE ... AS SELECT or INSERT INTO ... SELECT: its plan, its operators, and how
/// far it has read each source partition.
class PersistentQuery {
 public:
  /// Starts the query over `topics`, keeping its operators' state in `state` (the query owns
  /// it: RocksDB for a server, in memory for tests).
  /// It reads each source partition from its start, or with `from_end` (ksqlDB's
  /// `auto.offset.reset=latest`) only what arrives after this constructor.
  PersistentQuery(planner::PhysicalPlan plan,
                  std::string statement,
                  runtime::TopicClient& topics,
                  ProcessingLog& processing_log,
                  std::unique_ptr<state::StateInstance> state,
                  bool from_end = false);

  const std::string& id() const { return plan_.query_id; }

  const planner::PhysicalPlan& plan() const { return plan_; }

  const std::string& statement() const { return statement_; }

  /// The query's state stores (pull queries read a TABLE result's materialization here).
  state::StateInstance& state() { return *state_; }

  /// Reads and processes what is available on every source partition (up to kBatchesPerTurn
  /// batches each), then flushes the state; returns the number of records read.
  size_t Poll();

  /// True once the query failed: it reads nothing more.
  bool failed() const { return error_.has_value(); }

  /// Why the query failed (empty while it runs).
  const std::string& error() const { return error_ ? *error_ : kNoError; }

  /// Stops the query for good because of `reason`.
  void Fail(std::string reason) { error_ = std::move(reason); }

 private:
  static constexpr size_t kBatchSize = 1024;
  /// At most this many batches per partition per Poll, so that a busy input gives the other
  /// queries and the front ends their turn.
  static constexpr int kBatchesPerTurn = 16;
  static inline const std::string kNoError;

  /// Reads one source topic (a query with one input).
  size_t PollTopic(const std::string& topic);
  /// Reads several source topics (a join query), in timestamp order across them.
  size_t PollTopics(const std::vector<std::string>& topics);

  planner::PhysicalPlan plan_;
  std::string statement_;
  runtime::TopicClient& topics_;
  std::unique_ptr<state::StateInstance> state_;
  std::unique_ptr<runtime::Pipeline> pipeline_;
  std::map<std::pair<std::string, int32_t>, int64_t> next_offsets_;  ///< Per topic partition.
  /// The records of the last fetch, kept so that the next fetch reuses their buffers.
  std::vector<runtime::TopicRecord> fetched_;
  std::optional<std::string> error_;
};

}  // namespace fluxo::engine
