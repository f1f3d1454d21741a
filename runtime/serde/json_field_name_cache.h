#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace fluxo::serde {

/// Remembers which field the name at each position of an object matched, so that documents
/// with the same field names in the same order (the usual case) match each name with one short
/// comparison of its raw bytes. One per reader; a match depends only on the name, never on the
/// position. Only names of up to kMaxKey bytes without escapes are remembered.
class JsonFieldNameCache {
 public:
  static constexpr size_t kMaxKey = 32;

  explicit JsonFieldNameCache(size_t positions) : entries_(positions) {}

  /// Returns true and sets `index` and `exact` when the name starting at `raw` (just after its
  /// opening quote, inside a buffer padded with at least kMaxKey readable bytes past the
  /// document) is the one seen at `position` before.
  bool Find(size_t position, const char* raw, int& index, bool& exact) const {
    if (position >= entries_.size()) {
      return false;
    }
    const Entry& entry = entries_[position];
    // The remembered name is a whole raw name: when the bytes match and a quote follows, that
    // quote closes this name too.
    if (entry.length == 0 || raw[entry.length] != '"' || !SameBytes(raw, entry.key, entry.length)) {
      return false;
    }
    index = entry.index;
    exact = entry.exact;
    return true;
  }

  /// Remembers the match of `key`, a name read in place (no escapes), at `position`.
  void Remember(size_t position, std::string_view key, int index, bool exact) {
    if (position < entries_.size() && !key.empty() && key.size() <= kMaxKey) {
      Entry& entry = entries_[position];
      std::memcpy(entry.key, key.data(), key.size());
      entry.length = key.size();
      entry.index = index;
      entry.exact = exact;
    }
  }

 private:
  /// Compares `length` (<= kMaxKey) bytes; both sides have kMaxKey readable bytes, so whole
  /// words are compared without a call.
  static bool SameBytes(const char* a, const char* b, size_t length) {
    if constexpr (std::endian::native != std::endian::little) {
      return std::memcmp(a, b, length) == 0;
    }
    for (size_t i = 0; i < length; i += sizeof(uint64_t)) {
      uint64_t x = 0;
      uint64_t y = 0;
      std::memcpy(&x, a + i, sizeof(x));
      std::memcpy(&y, b + i, sizeof(y));
      const size_t left = length - i;
      const uint64_t mask =
          left >= sizeof(uint64_t) ? ~uint64_t{0} : (uint64_t{1} << (8 * left)) - 1;
      if (((x ^ y) & mask) != 0) {
        return false;
      }
    }
    return true;
  }

  struct Entry {
    char key[kMaxKey] = {};
    size_t length = 0;  ///< 0: nothing remembered.
    int index = -1;
    bool exact = false;
  };

  std::vector<Entry> entries_;
};

}  // namespace fluxo::serde
