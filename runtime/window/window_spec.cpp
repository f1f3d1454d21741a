#include "runtime/window/window_spec.h"

#include <algorithm>
#include <string>

#include "runtime/core/error.h"
#include "runtime/window/saturating_time.h"

namespace fluxo::window {
namespace {

[[noreturn]] void ThrowPlanning(std::string message) {
  throw Error(ErrorKind::kPlanning, std::move(message));
}

// The checks of Kafka Streams' TimeWindows / SessionWindows factories, in their wording.
void CheckGraceAndRetention(const std::optional<int64_t>& grace_ms,
                            const std::optional<int64_t>& retention_ms) {
  if (grace_ms.has_value() && *grace_ms < 0) {
    ThrowPlanning("Grace period must not be negative: " + std::to_string(*grace_ms) + " ms");
  }
  if (retention_ms.has_value() && *retention_ms < 0) {
    ThrowPlanning("Retention must not be negative: " + std::to_string(*retention_ms) + " ms");
  }
}

// The window length that the legacy default grace and the default retention are based on.
int64_t LengthMs(const WindowSpec& spec) {
  return spec.kind == WindowKind::kSession ? spec.gap_ms : spec.size_ms;
}

}  // namespace

std::string_view WindowKindName(WindowKind kind) {
  switch (kind) {
    case WindowKind::kTumbling:
      return "TUMBLING";
    case WindowKind::kHopping:
      return "HOPPING";
    case WindowKind::kSession:
      return "SESSION";
  }
  return "TUMBLING";
}

WindowSpec WindowSpec::Tumbling(int64_t size_ms,
                                std::optional<int64_t> grace_ms,
                                std::optional<int64_t> retention_ms) {
  if (size_ms <= 0) {
    ThrowPlanning("Window size must be larger than zero: " + std::to_string(size_ms) + " ms");
  }
  CheckGraceAndRetention(grace_ms, retention_ms);
  WindowSpec spec;
  spec.kind = WindowKind::kTumbling;
  spec.size_ms = size_ms;
  spec.advance_ms = size_ms;
  spec.grace_ms = grace_ms;
  spec.retention_ms = retention_ms;
  return spec;
}

WindowSpec WindowSpec::Hopping(int64_t size_ms,
                               int64_t advance_ms,
                               std::optional<int64_t> grace_ms,
                               std::optional<int64_t> retention_ms) {
  if (size_ms <= 0) {
    ThrowPlanning("Window size must be larger than zero: " + std::to_string(size_ms) + " ms");
  }
  if (advance_ms <= 0 || advance_ms > size_ms) {
    ThrowPlanning(
        "Window advancement interval should be more than zero and less than window duration "
        "which is " +
        std::to_string(size_ms) +
        " ms, but given advancement interval is: " + std::to_string(advance_ms) + " ms");
  }
  CheckGraceAndRetention(grace_ms, retention_ms);
  WindowSpec spec;
  spec.kind = WindowKind::kHopping;
  spec.size_ms = size_ms;
  spec.advance_ms = advance_ms;
  spec.grace_ms = grace_ms;
  spec.retention_ms = retention_ms;
  return spec;
}

WindowSpec WindowSpec::Session(int64_t gap_ms,
                               std::optional<int64_t> grace_ms,
                               std::optional<int64_t> retention_ms) {
  if (gap_ms <= 0) {
    ThrowPlanning("Gap time cannot be zero or negative: " + std::to_string(gap_ms) + " ms");
  }
  CheckGraceAndRetention(grace_ms, retention_ms);
  WindowSpec spec;
  spec.kind = WindowKind::kSession;
  spec.gap_ms = gap_ms;
  spec.grace_ms = grace_ms;
  spec.retention_ms = retention_ms;
  return spec;
}

WindowSpec WindowSpec::ForEmitFinal() const {
  WindowSpec copy = *this;
  if (!copy.grace_ms.has_value()) {
    copy.grace_ms = 0;
  }
  return copy;
}

int64_t WindowSpec::EffectiveGraceMs() const {
  if (grace_ms.has_value()) {
    return *grace_ms;
  }
  return std::max<int64_t>(kLegacyDefaultGraceMs - LengthMs(*this), 0);
}

int64_t WindowSpec::EffectiveRetentionMs() const {
  if (retention_ms.has_value()) {
    return *retention_ms;
  }
  return SaturatingAdd(LengthMs(*this), EffectiveGraceMs());
}

void WindowSpec::CheckRetention() const {
  if (!retention_ms.has_value()) {
    return;
  }
  const int64_t grace = EffectiveGraceMs();
  if (SaturatingAdd(LengthMs(*this), grace) <= *retention_ms) {
    return;
  }
  if (kind == WindowKind::kSession) {
    ThrowPlanning(
        "The retention period of the session store must be no smaller than the session "
        "inactivity gap plus the grace period. Got gap=[" +
        std::to_string(gap_ms) + "], grace=[" + std::to_string(grace) + "], retention=[" +
        std::to_string(*retention_ms) + "]");
  }
  ThrowPlanning(
      "The retention period of the window store must be no smaller than its window size plus "
      "the grace period. Got size=[" +
      std::to_string(size_ms) + "], grace=[" + std::to_string(grace) + "], retention=[" +
      std::to_string(*retention_ms) + "]");
}

WindowBounds WindowSpec::TimeWindowAt(int64_t start) const {
  return WindowBounds{start, SaturatingAdd(start, size_ms)};
}

bool IsLate(const WindowSpec& spec, const WindowBounds& window, int64_t stream_time) {
  return IsWindowClosed(spec, window, stream_time);
}

bool IsWindowClosed(const WindowSpec& spec, const WindowBounds& window, int64_t stream_time) {
  const int64_t grace = spec.EffectiveGraceMs();
  if (spec.kind == WindowKind::kSession) {
    return SaturatingAdd(SaturatingAdd(window.end, spec.gap_ms), grace) < stream_time;
  }
  return SaturatingAdd(window.end, grace) <= stream_time;
}

bool IsWindowExpired(const WindowSpec& spec, const WindowBounds& window, int64_t stream_time) {
  const int64_t retained_from = spec.kind == WindowKind::kSession ? window.end : window.start;
  return SaturatingAdd(retained_from, spec.EffectiveRetentionMs()) < stream_time;
}

}  // namespace fluxo::window
