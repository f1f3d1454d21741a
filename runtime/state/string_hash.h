#pragma once

#include <cstddef>
#include <cstdint>
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

/// Mixes two 64-bit numbers (a window's bounds, a window's end and sequence) into a key's hash,
/// with multipliers that spread consecutive values over the high bits too: the hash of a
/// windowed group or a stored window, computed from its key's hash without hashing again.
inline size_t MixIntoHash(size_t hash, uint64_t first, uint64_t second) {
  uint64_t mixed = hash ^ (first * 0x9E3779B97F4A7C15ULL);
  mixed ^= second * 0xC2B2AE3D27D4EB4FULL;
  mixed ^= mixed >> 29;
  return static_cast<size_t>(mixed);
}

}  // namespace fluxo::state
