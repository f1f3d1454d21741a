#include "runtime/window/session_merger.h"

#include <algorithm>

#include "runtime/core/error.h"
#include "runtime/window/saturating_time.h"

namespace fluxo::window {

SessionMerge MergeSession(std::span<const WindowBounds> sessions,
                          int64_t timestamp,
                          int64_t gap_ms) {
  FLUXO_CHECK(gap_ms > 0, "a session gap must be positive");
  // Kafka Streams' findSessions(key, timestamp - gap, timestamp + gap): sessions ending no
  // earlier than timestamp - gap and starting no later than timestamp + gap.
  const int64_t earliest_end = SaturatingSubtract(timestamp, gap_ms);
  const int64_t latest_start = SaturatingAdd(timestamp, gap_ms);
  SessionMerge result;
  result.bounds = WindowBounds{timestamp, timestamp};
  for (size_t index = 0; index < sessions.size(); ++index) {
    const WindowBounds& session = sessions[index];
    if (session.end < earliest_end || session.start > latest_start) {
      continue;
    }
    result.merged.push_back(index);
    result.bounds.start = std::min(result.bounds.start, session.start);
    result.bounds.end = std::max(result.bounds.end, session.end);
  }
  return result;
}

}  // namespace fluxo::window
