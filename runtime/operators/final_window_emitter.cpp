#include "runtime/operators/final_window_emitter.h"

#include <algorithm>
#include <cstring>

namespace fluxo::runtime {

namespace {

std::string HeldKey(const std::string& encoded_key, const WindowBounds& window) {
  std::string key = encoded_key;
  char start[sizeof(int64_t)];
  std::memcpy(start, &window.start, sizeof(start));
  key.append(start, sizeof(start));
  return key;
}

}  // namespace

int64_t FinalWindowEmitter::Position(const WindowBounds& window) const {
  return spec_.kind == window::WindowKind::kSession ? window.end : window.start;
}

void FinalWindowEmitter::Hold(Row row, const std::string& encoded_key) {
  const WindowBounds window = *row.window;
  latest_start_ = std::max(latest_start_, window.start);
  held_[{Position(window), HeldKey(encoded_key, window)}] = std::move(row);
}

void FinalWindowEmitter::Forget(const WindowBounds& window, const std::string& encoded_key) {
  held_.erase({Position(window), HeldKey(encoded_key, window)});
}

void FinalWindowEmitter::EmitClosed(int64_t stream_time, RowBatch& output) {
  while (!held_.empty()) {
    auto first = held_.begin();
    const WindowBounds& window = *first->second.window;
    if (!window::IsWindowClosed(spec_, window, stream_time)) {
      if (spec_.kind == window::WindowKind::kSession) {
        return;  // Held by end: later ones close later.
      }
      // Held by start: a window with a later start may not close before this one ends.
      break;
    }
    // Kafka Streams' window store forgets a window once a window starting more than the
    // retention after it was written (its observed time is the latest window start).
    if (emit_expired_ || spec_.kind == window::WindowKind::kSession ||
        !window::IsWindowExpired(spec_, window, latest_start_)) {
      output.Add(std::move(first->second));
    }
    held_.erase(first);
  }
}

}  // namespace fluxo::runtime
