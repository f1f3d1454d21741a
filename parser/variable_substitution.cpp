#include "parser/variable_substitution.h"

#include <cstddef>
#include <cstdint>

#include "runtime/core/error.h"
#include "runtime/core/source_span.h"
#include "runtime/core/utf8.h"

namespace fluxo::parser {
namespace {

/// What the scanner is inside of: comments are copied as they are, everything else is
/// searched for `${`.
enum class ScanState { kText, kQuoted, kLineComment, kBlockComment };

bool IsNameStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool IsNamePart(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9');
}

std::string UpperAscii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return upper;
}

/// Returns the length of the `${name}` reference at `pos`, or 0 when there is none.
size_t ReferenceLength(std::string_view text, size_t pos) {
  if (text.substr(pos, 2) != "${" || pos + 2 >= text.size() || !IsNameStart(text[pos + 2])) {
    return 0;
  }
  size_t end = pos + 3;
  while (end < text.size() && IsNamePart(text[end])) {
    ++end;
  }
  return end < text.size() && text[end] == '}' ? end + 1 - pos : 0;
}

/// The span of the bytes [pos, pos + length) of `text`, in lines and code points.
SourceSpan SpanOf(std::string_view text, size_t pos, size_t length) {
  SourceSpan span{1, 1, 0, static_cast<int32_t>(length)};
  size_t byte = 0;
  while (byte < pos) {
    const Utf8Sequence sequence = DecodeUtf8(text, byte);
    const size_t step = sequence.length == 0 ? 1 : sequence.length;
    if (text[byte] == '\n') {
      ++span.line;
      span.column = 1;
    } else {
      ++span.column;
    }
    ++span.offset;
    byte += step;
  }
  return span;
}

}  // namespace

std::string SubstituteVariables(std::string_view text,
                                const std::map<std::string, std::string>& variables) {
  std::string out;
  out.reserve(text.size());
  ScanState state = ScanState::kText;
  char quote = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    const char next = pos + 1 < text.size() ? text[pos + 1] : '\0';
    if (state == ScanState::kLineComment) {
      state = c == '\n' ? ScanState::kText : state;
    } else if (state == ScanState::kBlockComment) {
      if (c == '*' && next == '/') {
        out += "*/";
        pos += 2;
        state = ScanState::kText;
        continue;
      }
    } else if (const size_t length = ReferenceLength(text, pos); length > 0) {
      const std::string_view name = text.substr(pos + 2, length - 3);
      auto found = variables.find(UpperAscii(name));
      if (found == variables.end()) {
        found = variables.find(std::string(name));
      }
      if (found == variables.end()) {
        throw Error(ErrorKind::kBinding,
                    "Variable ${" + std::string(name) + "} is not defined",
                    SpanOf(text, pos, length));
      }
      out += found->second;
      pos += length;
      continue;
    } else if (state == ScanState::kQuoted) {
      if (c == quote) {
        // A doubled quote stands for one and stays inside.
        if (next == quote) {
          out += {c, next};
          pos += 2;
          continue;
        }
        state = ScanState::kText;
      }
    } else if (c == '-' && next == '-') {
      state = ScanState::kLineComment;
    } else if (c == '/' && next == '*') {
      out += "/*";
      pos += 2;
      state = ScanState::kBlockComment;
      continue;
    } else if (c == '\'' || c == '"' || c == '`') {
      state = ScanState::kQuoted;
      quote = c;
    }
    out += c;
    ++pos;
  }
  return out;
}

}  // namespace fluxo::parser
