#pragma once

#include <cstdint>
#include <limits>

namespace fluxo::window {

/// Returns left + right, clamped to the int64 range instead of overflowing (window ends and
/// close horizons near the limits of time).
inline int64_t SaturatingAdd(int64_t left, int64_t right) {
  int64_t sum = 0;
  if (__builtin_add_overflow(left, right, &sum)) {
    return right > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return sum;
}

/// Returns left - right, clamped to the int64 range instead of overflowing.
inline int64_t SaturatingSubtract(int64_t left, int64_t right) {
  int64_t difference = 0;
  if (__builtin_sub_overflow(left, right, &difference)) {
    return right < 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return difference;
}

}  // namespace fluxo::window
