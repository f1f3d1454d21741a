#pragma once

#include <string>
#include <string_view>

/// Text as java.lang.String sees it. ksqlDB's string functions count positions and lengths in
/// UTF-16 code units and map case per code point; Fluxo keeps strings as UTF-8, so the
/// functions convert to these forms where the difference shows.
namespace fluxo::functions {

/// Decodes UTF-8 into UTF-16; each invalid byte becomes U+FFFD, as Java's decoder does.
std::u16string ToUtf16(std::string_view utf8);

/// Encodes UTF-16 as UTF-8; an unpaired surrogate becomes '?', as Java's encoder does.
std::string ToUtf8(std::u16string_view utf16);

/// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::u32string ToCodePoints(std::string_view utf8);

/// Encodes code points as UTF-8.
std::string FromCodePoints(std::u32string_view code_points);

/// Returns `text` in upper case, as String.toUpperCase does for the simple mappings (and
/// 'ß' -> "SS").
std::string JavaUpperCase(std::string_view text);

/// Returns `text` in lower case, as String.toLowerCase does for the simple mappings.
std::string JavaLowerCase(std::string_view text);

/// Returns true for the characters String.trim() removes: U+0000 to U+0020.
inline bool IsJavaTrimmed(char16_t c) {
  return c <= u' ';
}

/// Returns true for the characters of Java's regular expression class \s.
inline bool IsJavaWhitespace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\x0B' || c == U'\f' || c == U'\r';
}

}  // namespace fluxo::functions
