// Engine::CollectQueryMetrics: the per-query counters REST's /metrics reports.

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
    entry.records_read = query->records_read();
    entry.records_skipped = state_->processing_log.SkippedBy(query->id());
    metrics.push_back(std::move(entry));
  }
  return metrics;
}

}  // namespace fluxo::engine
