#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/row_batch.h"
#include "runtime/window/window_spec.h"

namespace fluxo::window {

/// Returns every TUMBLING or HOPPING window of `spec` that contains `timestamp`, ordered by
/// start, as Kafka Streams' `TimeWindows.windowsFor` does: windows are [start, start + size)
/// with start a multiple of the advance (aligned to epoch 0), and no window starts before 0,
/// so a negative timestamp gets no window and a timestamp before the first full hop gets
/// only the windows starting at 0 or later. Throws kInternal for a SESSION spec (sessions
/// come from MergeSession).
std::vector<WindowBounds> AssignWindows(const WindowSpec& spec, int64_t timestamp);

/// Like AssignWindows, into `windows` (cleared first), so that a caller reusing one vector
/// allocates nothing per record.
void AssignWindowsInto(const WindowSpec& spec,
                       int64_t timestamp,
                       std::vector<WindowBounds>& windows);

}  // namespace fluxo::window
