#include "planner/logical/logical_join.h"

#include <algorithm>

namespace fluxo::planner {

namespace {

constexpr int64_t kLegacyRetentionMs = 24LL * 60 * 60 * 1000;

}  // namespace

const char* JoinTypeText(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "[INNER] JOIN";
    case JoinType::kLeft:
      return "LEFT [OUTER] JOIN";
    case JoinType::kRight:
      return "RIGHT [OUTER] JOIN";
    case JoinType::kFull:
      return "[FULL] OUTER JOIN";
  }
  return "JOIN";
}

int64_t JoinWindow::RetentionMs() const {
  const int64_t size = before_ms + after_ms;
  if (grace_ms.has_value()) {
    return size + *grace_ms;
  }
  // JoinWindows.of(): the grace is whatever the window leaves of 24 hours.
  return std::max(kLegacyRetentionMs, size);
}

}  // namespace fluxo::planner
