#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "planner/physical/physical_plan.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// Kafka Streams' `windowstore.changelog.additional.retention.ms` default: a window store's
/// changelog keeps records this much longer than the store keeps windows (clock drift).
inline constexpr int64_t kWindowChangelogAdditionalRetentionMs = 24LL * 60 * 60 * 1000;

/// How long each window store of `plan` keeps a window, by store name: a windowed
/// aggregation's RETENTION (or size + grace), a stream-stream join's buffers before + after +
/// grace. Key-value stores are not listed.
std::map<std::string, int64_t, std::less<>> WindowStoreRetentions(
    const planner::PhysicalPlan& plan);

/// The configs of the changelog topic of a window store that keeps windows for `retention_ms`:
/// compacted and deleted (`cleanup.policy=compact,delete`), records kept for retention_ms +
/// kWindowChangelogAdditionalRetentionMs, as Kafka Streams creates window changelogs: the
/// windows the store has dropped leave the topic too, instead of piling up for ever.
runtime::TopicConfig WindowChangelogTopicConfig(int64_t retention_ms);

}  // namespace fluxo::engine
