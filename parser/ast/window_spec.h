#pragma once

#include <optional>

#include "parser/ast/duration.h"
#include "parser/ast/source_span.h"

namespace fluxo::ast {

enum class WindowKind { kTumbling, kHopping, kSession };

/// ksqlDB's `WINDOW TUMBLING (SIZE ..)`, `HOPPING (SIZE .., ADVANCE BY ..)` or `SESSION (..)`,
/// with optional RETENTION and GRACE PERIOD. For SESSION, `size` is the inactivity gap.
struct WindowSpec : Node {
  WindowKind kind = WindowKind::kTumbling;
  Duration size;
  std::optional<Duration> advance;
  std::optional<Duration> retention;
  std::optional<Duration> grace;

  bool operator==(const WindowSpec&) const = default;
};

/// A stream-stream join's `WITHIN 10 SECONDS` or `WITHIN (5 SECONDS, 10 SECONDS)` (before,
/// after), with an optional GRACE PERIOD. The one-value form has before == after.
struct WithinSpec : Node {
  Duration before;
  Duration after;
  bool before_and_after = false;  ///< True for the two-value form.
  std::optional<Duration> grace;

  bool operator==(const WithinSpec&) const = default;
};

}  // namespace fluxo::ast
