#pragma once

#include <string>

#include "planner/binder/bind_query.h"
#include "planner/logical/logical_plan.h"
#include "runtime/engine/engine_state.h"
#include "runtime/engine/persistent_query.h"

namespace fluxo::engine {

/// True when the session property `name` is set to "true".
bool PropertyIsTrue(const EngineState& state, const std::string& name);

/// ksqlDB's record cache: on unless `cache.max.bytes.buffering` (or its newer name
/// `statestore.cache.max.bytes`) is 0, when an aggregation emits every change at once.
bool RecordCacheEnabled(const EngineState& state);

/// How the query of `logical` starts and commits: where it starts (its sources' Flink
/// 'scan.startup.mode' when they all name the same one, else `auto.offset.reset`: earliest by
/// default), `processing.guarantee` and `commit.interval.ms` (under exactly_once_v2 by default
/// 100, as in Kafka Streams) and `scale.out`. Throws fluxo::Error (kPlanning) for an invalid
/// value.
PersistentQueryOptions QueryOptionsOf(const EngineState& state,
                                      const planner::LogicalPlan& logical);

/// The session properties that change how a query binds (the new query planner switch,
/// COLLECT_LIST/SET limits, the default key format, ...). Throws fluxo::Error (kPlanning) for
/// an invalid value.
planner::QueryBindOptions BindOptionsOf(const EngineState& state);

}  // namespace fluxo::engine
