#include "runtime/window/window_assigner.h"

#include <algorithm>

#include "runtime/core/error.h"
#include "runtime/window/saturating_time.h"

namespace fluxo::window {

std::vector<WindowBounds> AssignWindows(const WindowSpec& spec, int64_t timestamp) {
  std::vector<WindowBounds> windows;
  AssignWindowsInto(spec, timestamp, windows);
  return windows;
}

void AssignWindowsInto(const WindowSpec& spec,
                       int64_t timestamp,
                       std::vector<WindowBounds>& windows) {
  FLUXO_CHECK(spec.kind != WindowKind::kSession, "AssignWindows needs a TUMBLING or HOPPING spec");
  FLUXO_CHECK(spec.size_ms > 0 && spec.advance_ms > 0 && spec.advance_ms <= spec.size_ms,
              "window size and advance must satisfy 0 < advance <= size");
  windows.clear();
  if (timestamp < 0) {
    return;  // Kafka Streams creates no window with a negative start.
  }
  // The earliest window containing the timestamp starts after timestamp - size; windows
  // start at multiples of the advance and never before 0 (TimeWindows.windowsFor).
  const int64_t earliest = std::max<int64_t>(
      0, SaturatingAdd(SaturatingSubtract(timestamp, spec.size_ms), spec.advance_ms));
  int64_t start = earliest / spec.advance_ms * spec.advance_ms;
  windows.reserve(static_cast<size_t>((timestamp - start) / spec.advance_ms + 1));
  while (start <= timestamp) {
    windows.push_back(spec.TimeWindowAt(start));
    if (__builtin_add_overflow(start, spec.advance_ms, &start)) {
      break;
    }
  }
}

}  // namespace fluxo::window
