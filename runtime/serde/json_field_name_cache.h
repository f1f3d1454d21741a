#pragma once

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
    if (entry.length == 0 || raw[entry.length] != '"' || !entry.SameName(raw)) {
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
      char padded[kMaxKey] = {};
      std::memcpy(padded, key.data(), key.size());
      std::memcpy(entry.words, padded, kMaxKey);
      // The bytes of the last word that belong to the name, as a mask in memory order.
      unsigned char last_bytes[kWord] = {};
      std::memset(last_bytes, 0xff, key.size() - (key.size() - 1) / kWord * kWord);
      std::memcpy(&entry.last_mask, last_bytes, kWord);
      entry.length = key.size();
      entry.index = index;
      entry.exact = exact;
    }
  }

 private:
  static constexpr size_t kWord = sizeof(uint64_t);

  static uint64_t LoadWord(const char* bytes) {
    uint64_t word = 0;
    std::memcpy(&word, bytes, kWord);
    return word;
  }

  struct Entry {
    /// Whether the `length` bytes at `raw`, which has kMaxKey readable bytes, are the name:
    /// whole words compared, the last one masked, so a short name takes one comparison.
    bool SameName(const char* raw) const {
      const size_t last = (length - 1) / kWord;
      for (size_t i = 0; i < last; ++i) {
        if (LoadWord(raw + i * kWord) != words[i]) {
          return false;
        }
      }
      return (LoadWord(raw + last * kWord) & last_mask) == words[last];
    }

    uint64_t words[kMaxKey / kWord] = {};  ///< The name, zero-padded.
    uint64_t last_mask = 0;                ///< Which bytes of the name's last word are its.
    size_t length = 0;                     ///< 0: nothing remembered.
    int index = -1;
    bool exact = false;
  };

  std::vector<Entry> entries_;
};

}  // namespace fluxo::serde
