#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "runtime/core/row_batch.h"

namespace fluxo::window {

/// What a new record does to one key's sessions: the sessions it merges with and the bounds
/// of the session that replaces them (and holds the record).
struct SessionMerge {
  /// Indexes into the `sessions` given to MergeSession of the sessions that merge into the
  /// new one, in the order given. Empty when the record starts a session of its own.
  std::vector<size_t> merged;
  /// The merged session: [min(start, time), max(end, time)] over the record and `merged`.
  WindowBounds bounds;
};

/// Returns the sessions a record at `timestamp` joins, as Kafka Streams'
/// KStreamSessionWindowAggregate does: every session with end >= timestamp - gap and
/// start <= timestamp + gap merges (session bounds are inclusive, so a record exactly `gap`
/// after a session's end still joins it), and a record between two or more sessions bridges
/// them all. `sessions` are the key's existing sessions in any order (they do not overlap
/// each other; sessions that cannot merge may be included and are ignored). Leave out
/// sessions the store has forgotten (IsWindowExpired): Kafka Streams' store no longer returns
/// them, so a late record opens a new session beside them. Arithmetic saturates at the int64
/// limits.
///
/// The caller then aggregates as Kafka Streams does: start from the initial state, Merge the
/// states of `merged` in order, Accumulate the record, delete the merged sessions and store
/// the result under `bounds` (dropping it when IsLate says so).
SessionMerge MergeSession(std::span<const WindowBounds> sessions,
                          int64_t timestamp,
                          int64_t gap_ms);

}  // namespace fluxo::window
