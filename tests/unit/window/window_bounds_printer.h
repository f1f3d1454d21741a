#pragma once

#include <ostream>
#include <vector>

#include "runtime/core/row_batch.h"

namespace fluxo {

/// Prints bounds as `[start, end]` so that doctest failures show them.
inline std::ostream& operator<<(std::ostream& out, const WindowBounds& bounds) {
  return out << "[" << bounds.start << ", " << bounds.end << "]";
}

/// Prints a list of bounds as `{[0, 5], [2, 7]}`.
inline std::ostream& operator<<(std::ostream& out, const std::vector<WindowBounds>& windows) {
  out << "{";
  for (size_t index = 0; index < windows.size(); ++index) {
    out << (index > 0 ? ", " : "") << windows[index];
  }
  return out << "}";
}

}  // namespace fluxo
