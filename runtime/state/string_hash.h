#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace fluxo::state {

/// A hash of byte strings that also takes string views, so that an unordered container keyed
/// by std::string can be searched with a std::string_view without building a string (C++20's
/// heterogeneous lookup; use it with std::equal_to<>).
struct StringHash {
  using is_transparent = void;

  size_t operator()(std::string_view bytes) const { return std::hash<std::string_view>{}(bytes); }
};

}  // namespace fluxo::state
