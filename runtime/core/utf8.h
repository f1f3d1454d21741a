#pragma once

#include <cstddef>
#include <string_view>

namespace fluxo {

/// One UTF-8 sequence read from a byte string.
struct Utf8Sequence {
  char32_t code_point = 0;
  size_t length = 0;  ///< Bytes in the sequence; 0 when the bytes there are not valid UTF-8.
};

/// Decodes the UTF-8 sequence that starts at byte `position` of `text` (which must be in range).
/// Stray continuation bytes, truncated or overlong sequences, surrogates and values above
/// U+10FFFF are invalid and give length 0.
Utf8Sequence DecodeUtf8(std::string_view text, size_t position);

}  // namespace fluxo
