#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fluxo::state {

/// A half-open range of byte-string keys [begin, end) in unsigned byte order; no end means
/// "to the last key". The empty begin is the first key of all.
struct KeyRange {
  std::string begin;
  std::optional<std::string> end;

  /// Returns the range of every key.
  static KeyRange All() { return {}; }

  /// Returns the keys from `begin` (inclusive) to `end` (exclusive).
  static KeyRange Between(std::string_view begin, std::string_view end);

  /// Returns the keys that start with `prefix`.
  static KeyRange Prefix(std::string_view prefix);

  /// Says whether `key` lies in the range.
  bool Contains(std::string_view key) const;

  /// Says whether `key` lies after the range's end.
  bool IsAfterEnd(std::string_view key) const { return end.has_value() && key >= *end; }
};

/// Returns the smallest string greater than every string that starts with `prefix`: the
/// prefix without its trailing FF bytes and with its last other byte incremented. Nothing
/// when `prefix` is empty or all FF (no string is greater than all of them).
std::optional<std::string> PrefixSuccessor(std::string_view prefix);

}  // namespace fluxo::state
