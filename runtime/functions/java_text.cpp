#include "runtime/functions/java_text.h"

#include <locale.h>
#include <wctype.h>

#include "runtime/core/utf8.h"

namespace fluxo::functions {

namespace {

constexpr char32_t kReplacement = U'\uFFFD';

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

/// The C.UTF-8 locale for the wide-character case mappings (built into glibc 2.35 and
/// later); created once and never freed. Without it only ASCII letters change case.
locale_t CaseMappingLocale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
  return locale;
}

char32_t MapCase(char32_t code_point, bool upper) {
  const locale_t locale = CaseMappingLocale();
  if (locale != nullptr) {
    const auto wide = static_cast<wint_t>(code_point);
    return static_cast<char32_t>(upper ? towupper_l(wide, locale) : towlower_l(wide, locale));
  }
  if (upper && code_point >= U'a' && code_point <= U'z') {
    return code_point - U'a' + U'A';
  }
  if (!upper && code_point >= U'A' && code_point <= U'Z') {
    return code_point - U'A' + U'a';
  }
  return code_point;
}

std::string MapCase(std::string_view text, bool upper) {
  std::string out;
  out.reserve(text.size());
  for (const char32_t code_point : ToCodePoints(text)) {
    if (upper && code_point == U'\u00DF') {
      out += "SS";
    } else {
      AppendUtf8(out, MapCase(code_point, upper));
    }
  }
  return out;
}

}  // namespace

std::u32string ToCodePoints(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  size_t position = 0;
  while (position < utf8.size()) {
    const Utf8Sequence sequence = DecodeUtf8(utf8, position);
    out.push_back(sequence.length == 0 ? kReplacement : sequence.code_point);
    position += sequence.length == 0 ? 1 : sequence.length;
  }
  return out;
}

std::string FromCodePoints(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t code_point : code_points) {
    AppendUtf8(out, code_point);
  }
  return out;
}

std::u16string ToUtf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  for (const char32_t code_point : ToCodePoints(utf8)) {
    if (code_point >= 0x10000) {
      const char32_t offset = code_point - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (offset >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (offset & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(code_point));
    }
  }
  return out;
}

std::string ToUtf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  for (size_t i = 0; i < utf16.size(); ++i) {
    const char16_t unit = utf16[i];
    const bool high = unit >= 0xD800 && unit <= 0xDBFF;
    const bool low = unit >= 0xDC00 && unit <= 0xDFFF;
    if (high && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
      AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (utf16[i + 1] - 0xDC00));
      ++i;
    } else if (high || low) {
      out.push_back('?');
    } else {
      AppendUtf8(out, unit);
    }
  }
  return out;
}

std::string JavaUpperCase(std::string_view text) {
  return MapCase(text, true);
}

std::string JavaLowerCase(std::string_view text) {
  return MapCase(text, false);
}

}  // namespace fluxo::functions
