#pragma once

#include <string>

#include "runtime/engine/engine_state.h"

namespace fluxo::engine {

/// Stops the persistent query `query_id` (removes it from `state.queries`; nothing happens when
/// there is none) and, as ksqlDB does for a terminated query, deletes what it kept besides its
/// sink: with `state.dir`, its state directories (`<state.dir>/<service.id>/<query id>` and
/// its tasks' `<query id>-<partition>`) and its internal topics
/// (`<service.id>-<query id>-...-changelog` and `...-repartition`). What cannot be deleted (a
/// broker that deletes no topics, such as the embedded one) is logged and left in place.
void TerminateQuery(EngineState& state, const std::string& query_id);

}  // namespace fluxo::engine
