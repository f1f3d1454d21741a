#include "parser/statement_splitter.h"

#include <cstddef>
#include <cstdint>

#include "runtime/core/utf8.h"

namespace fluxo::parser {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

/// One code point of the script: where its bytes are and where it sits in lines and columns.
struct CodePoint {
  char32_t value;
  size_t byte_offset;
  size_t byte_length;
  int32_t line;
  int32_t column;
};

/// Decodes the UTF-8 sequence at `pos`. A byte that does not start a valid sequence decodes on
/// its own to U+FFFD, so that every byte of the script belongs to exactly one code point.
CodePoint DecodeAt(std::string_view text, size_t pos) {
  const Utf8Sequence sequence = DecodeUtf8(text, pos);
  if (sequence.length == 0) {
    return {kReplacementCharacter, pos, 1, 0, 0};
  }
  return {sequence.code_point, pos, sequence.length, 0, 0};
}

/// Decodes the whole script, numbering lines at each '\n' (a "\r\n" pair is one break because
/// the '\r' is an ordinary character on the line before).
std::vector<CodePoint> DecodeScript(std::string_view script) {
  std::vector<CodePoint> code_points;
  code_points.reserve(script.size());
  int32_t line = 1;
  int32_t column = 1;
  size_t pos = 0;
  while (pos < script.size()) {
    CodePoint code_point = DecodeAt(script, pos);
    code_point.line = line;
    code_point.column = column;
    pos += code_point.byte_length;
    if (code_point.value == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    code_points.push_back(code_point);
  }
  return code_points;
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// What the scanner is inside of; a `;` separates statements only in kCode.
enum class ScanState {
  kCode,
  kString,        ///< '...', with '' for a quote.
  kBackQuoted,    ///< `...`, with `` for a back quote.
  kDoubleQuoted,  ///< "...", with "" for a double quote.
  kLineComment,   ///< -- up to the end of the line.
  kBlockComment,  ///< /* ... */, not nested.
};

char32_t ClosingQuote(ScanState state) {
  switch (state) {
    case ScanState::kString:
      return '\'';
    case ScanState::kBackQuoted:
      return '`';
    default:
      return '"';
  }
}

/// Builds the statement for code points [begin, end) without the whitespace around it.
/// The caller guarantees that the range holds something other than whitespace.
StatementText MakeStatement(std::string_view script,
                            const std::vector<CodePoint>& code_points,
                            size_t begin,
                            size_t end) {
  while (begin < end && IsSpace(code_points[begin].value)) {
    ++begin;
  }
  while (end > begin && IsSpace(code_points[end - 1].value)) {
    --end;
  }
  const CodePoint& first = code_points[begin];
  const CodePoint& last = code_points[end - 1];
  const size_t byte_end = last.byte_offset + last.byte_length;
  StatementText statement;
  statement.text = std::string(script.substr(first.byte_offset, byte_end - first.byte_offset));
  statement.span.line = first.line;
  statement.span.column = first.column;
  statement.span.offset = static_cast<int32_t>(begin);
  statement.span.length = static_cast<int32_t>(end - begin);
  return statement;
}

}  // namespace

SplitScript SplitStatements(std::string_view script) {
  const std::vector<CodePoint> code_points = DecodeScript(script);
  SplitScript result;
  ScanState state = ScanState::kCode;
  size_t piece_begin = 0;
  // True once the current piece holds something other than whitespace and comments.
  bool piece_has_code = false;

  for (size_t i = 0; i < code_points.size(); ++i) {
    const char32_t c = code_points[i].value;
    const char32_t next = i + 1 < code_points.size() ? code_points[i + 1].value : 0;
    switch (state) {
      case ScanState::kCode:
        if (c == ';') {
          if (piece_has_code) {
            result.statements.push_back(MakeStatement(script, code_points, piece_begin, i));
          }
          piece_begin = i + 1;
          piece_has_code = false;
        } else if (c == '-' && next == '-') {
          state = ScanState::kLineComment;
          ++i;
        } else if (c == '/' && next == '*') {
          state = ScanState::kBlockComment;
          ++i;
        } else if (!IsSpace(c)) {
          piece_has_code = true;
          if (c == '\'') {
            state = ScanState::kString;
          } else if (c == '`') {
            state = ScanState::kBackQuoted;
          } else if (c == '"') {
            state = ScanState::kDoubleQuoted;
          }
        }
        break;
      case ScanState::kString:
      case ScanState::kBackQuoted:
      case ScanState::kDoubleQuoted:
        if (c == ClosingQuote(state)) {
          if (next == c) {
            ++i;  // A doubled quote is an escaped quote: stay inside.
          } else {
            state = ScanState::kCode;
          }
        }
        break;
      case ScanState::kLineComment:
        if (c == '\n') {
          state = ScanState::kCode;
        }
        break;
      case ScanState::kBlockComment:
        if (c == '*' && next == '/') {
          state = ScanState::kCode;
          ++i;
        }
        break;
    }
  }

  const size_t remainder_byte =
      piece_begin < code_points.size() ? code_points[piece_begin].byte_offset : script.size();
  result.remainder = std::string(script.substr(remainder_byte));
  // A line comment ended by the end of the script is complete; an open string, quoted
  // identifier or block comment is not, so the shell keeps reading lines.
  result.remainder_is_blank =
      !piece_has_code && (state == ScanState::kCode || state == ScanState::kLineComment);
  return result;
}

}  // namespace fluxo::parser
