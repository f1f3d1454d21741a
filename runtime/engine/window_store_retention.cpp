#include "runtime/engine/window_store_retention.h"

#include <limits>

#include "runtime/state/store_name.h"

namespace fluxo::engine {

std::map<std::string, int64_t, std::less<>> WindowStoreRetentions(
    const planner::PhysicalPlan& plan) {
  std::map<std::string, int64_t, std::less<>> retentions;
  if (plan.aggregate.has_value() && plan.aggregate->aggregation.window.has_value()) {
    retentions[plan.aggregate->store_name] =
        plan.aggregate->aggregation.window->EffectiveRetentionMs();
  }
  for (const planner::JoinStep& step : plan.joins) {
    if (step.join.kind == planner::JoinKind::kStreamStream && step.join.within.has_value()) {
      const int64_t retention = step.join.within->RetentionMs();
      retentions[state::StoreName(step.operator_id, "Left")] = retention;
      retentions[state::StoreName(step.operator_id, "Right")] = retention;
    }
  }
  return retentions;
}

runtime::TopicConfig WindowChangelogTopicConfig(int64_t retention_ms) {
  const int64_t kept =
      retention_ms > std::numeric_limits<int64_t>::max() - kWindowChangelogAdditionalRetentionMs
          ? std::numeric_limits<int64_t>::max()
          : retention_ms + kWindowChangelogAdditionalRetentionMs;
  return {{"cleanup.policy", "compact,delete"}, {"retention.ms", std::to_string(kept)}};
}

}  // namespace fluxo::engine
