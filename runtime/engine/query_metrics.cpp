// Engine::CollectQueryMetrics: the per-query counters REST's /metrics reports; and
// Engine::ScaledOutPartitions, each scaled-out query's share on this instance.

#include "runtime/core/error.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_state.h"

namespace fluxo::engine {

std::vector<QueryMetrics> Engine::CollectQueryMetrics() const {
  std::vector<QueryMetrics> metrics;
  metrics.reserve(state_->queries.size());
  for (const auto& query : state_->queries) {
    QueryMetrics entry;
    entry.query_id = query->id();
    entry.push_query = state_->push_queries.count(query->id()) > 0;
    entry.failed = query->failed();
    const QueryTotals totals = query->totals();
    entry.records_read = totals.records_read;
    entry.records_skipped = state_->processing_log.SkippedBy(query->id());
    entry.records_written = totals.counters.records_written;
    entry.late_records_dropped = totals.counters.late_records_dropped;
    entry.commits = totals.commits;
    entry.commit_time_ms = totals.commit_time_ms;
    try {
      entry.owned_partitions = query->owned_partitions();
    } catch (const Error&) {
      entry.owned_partitions.clear();  // The source topic is gone.
    }
    try {
      entry.consumer_lag = query->ConsumerLag();
    } catch (const Error&) {
      entry.consumer_lag = -1;
    }
    metrics.push_back(std::move(entry));
  }
  return metrics;
}

std::map<std::string, std::vector<int32_t>> Engine::ScaledOutPartitions() const {
  std::map<std::string, std::vector<int32_t>> owned;
  for (const auto& query : state_->queries) {
    if (query->scaled_out() && !query->failed()) {
      try {
        owned[query->id()] = query->owned_partitions();
      } catch (const Error&) {
        owned[query->id()].clear();  // The source topic is gone.
      }
    }
  }
  return owned;
}

}  // namespace fluxo::engine
