#include "runtime/expr/like_matcher.h"

#include <cstddef>

namespace fluxo::expr {

namespace {

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for invalid bytes).
size_t CodePointLength(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  if (byte >= 0xF0) {
    return 4;
  }
  if (byte >= 0xE0) {
    return 3;
  }
  if (byte >= 0xC0) {
    return 2;
  }
  return 1;
}

}  // namespace

bool LikeMatches(std::string_view text, std::string_view pattern, std::optional<char> escape) {
  size_t t = 0;
  size_t p = 0;
  size_t star_pattern = std::string_view::npos;  // Pattern position after the last '%'.
  size_t star_text = 0;                          // Text position that '%' matched up to.
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char c = pattern[p];
      if (escape.has_value() && c == *escape && p + 1 < pattern.size()) {
        if (pattern[p + 1] == text[t]) {
          p += 2;
          ++t;
          continue;
        }
      } else if (c == '%') {
        star_pattern = ++p;
        star_text = t;
        continue;
      } else if (c == '_') {
        ++p;
        t += CodePointLength(text[t]);
        continue;
      } else if (c == text[t]) {
        ++p;
        ++t;
        continue;
      }
    }
    if (star_pattern == std::string_view::npos) {
      return false;
    }
    // Let the last '%' swallow one more character and retry from there.
    p = star_pattern;
    star_text += CodePointLength(text[star_text]);
    t = star_text;
  }
  while (p < pattern.size() && pattern[p] == '%') {
    ++p;
  }
  return p == pattern.size();
}

}  // namespace fluxo::expr
