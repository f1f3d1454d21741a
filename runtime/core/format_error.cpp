#include "runtime/core/format_error.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/core/utf8.h"

namespace fluxo {
namespace {

constexpr int kMaxLineWidth = 100;
constexpr int kTabWidth = 4;
constexpr std::string_view kEllipsis = "...";
constexpr int kEllipsisWidth = static_cast<int>(kEllipsis.size());
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8.

/// Returns the length of the valid UTF-8 sequence at `pos`, or 0 when the byte there does not
/// start one (each such byte then counts as one code point, as in the statement splitter).
size_t ValidSequenceLength(std::string_view text, size_t pos) {
  return DecodeUtf8(text, pos).length;
}

/// Returns line `line_number` (1-based) of `source` without its '\n' and without a trailing
/// '\r', or nothing when the source has fewer lines.
std::optional<std::string_view> FindLine(std::string_view source, int32_t line_number) {
  size_t begin = 0;
  for (int32_t line = 1; line < line_number; ++line) {
    const size_t newline = source.find('\n', begin);
    if (newline == std::string_view::npos) {
      return std::nullopt;
    }
    begin = newline + 1;
  }
  size_t end = source.find('\n', begin);
  if (end == std::string_view::npos) {
    end = source.size();
  }
  std::string_view line = source.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

/// A source line as it is shown: one entry per display column, tabs expanded to spaces.
struct DisplayLine {
  std::vector<std::string> cells;     ///< The UTF-8 text of each display column.
  std::vector<int> code_point_start;  ///< The display column of each code point, then the width.
};

DisplayLine ExpandLine(std::string_view line) {
  DisplayLine display;
  size_t pos = 0;
  while (pos < line.size()) {
    display.code_point_start.push_back(static_cast<int>(display.cells.size()));
    if (line[pos] == '\t') {
      do {
        display.cells.emplace_back(" ");
      } while (display.cells.size() % kTabWidth != 0);
      ++pos;
      continue;
    }
    const size_t length = ValidSequenceLength(line, pos);
    if (length == 0) {
      // Printing the stray byte would make the output invalid UTF-8.
      display.cells.emplace_back(kReplacementCharacter);
      ++pos;
    } else {
      display.cells.emplace_back(line.substr(pos, length));
      pos += length;
    }
  }
  display.code_point_start.push_back(static_cast<int>(display.cells.size()));
  return display;
}

/// The display columns [begin, end) that are printed, and whether text was cut on each side.
struct Window {
  int begin = 0;
  int end = 0;
  bool cut_left = false;
  bool cut_right = false;
};

/// Chooses at most kMaxLineWidth columns (markers included) around `caret`, keeping the caret
/// near the middle unless that would leave the window short at either end of the line.
Window ChooseWindow(int width, int caret) {
  if (width <= kMaxLineWidth) {
    return {0, width, false, false};
  }
  Window window;
  window.begin = std::max(0, caret - kMaxLineWidth / 2);
  window.cut_left = window.begin > 0;
  const int left_width = window.cut_left ? kEllipsisWidth : 0;
  window.end = window.begin + kMaxLineWidth - left_width - kEllipsisWidth;
  if (window.end >= width) {
    // Near the end of the line: show its last columns behind a single marker.
    window.end = width;
    window.begin = width - (kMaxLineWidth - kEllipsisWidth);
    window.cut_left = true;
  } else {
    window.cut_right = true;
  }
  return window;
}

}  // namespace

std::string FormatError(const Error& error, std::string_view source) {
  std::string out = error.what();
  const std::optional<SourceSpan>& span = error.span();
  if (!span.has_value() || !span->IsKnown()) {
    return out;
  }
  const std::optional<std::string_view> line = FindLine(source, span->line);
  if (!line.has_value()) {
    return out;
  }
  const DisplayLine display = ExpandLine(*line);
  const int num_code_points = static_cast<int>(display.code_point_start.size()) - 1;
  const int width = display.code_point_start.back();

  // A column past the end of the line (e.g. "unexpected end of input") puts the caret just
  // after the last character; the underline never runs past the line.
  const int first = std::clamp(span->column - 1, 0, num_code_points);
  const int last = std::clamp(first + std::max(span->length, 1), first, num_code_points);
  const int caret_begin = display.code_point_start[first];
  const Window window = ChooseWindow(width, caret_begin);
  const int caret_end =
      std::max(std::min(display.code_point_start[last], window.end), caret_begin + 1);

  const std::string line_number = std::to_string(span->line);
  out += "\n  " + line_number + " | ";
  if (window.cut_left) {
    out += kEllipsis;
  }
  for (int column = window.begin; column < window.end; ++column) {
    out += display.cells[column];
  }
  if (window.cut_right) {
    out += kEllipsis;
  }

  const int caret_offset = caret_begin - window.begin + (window.cut_left ? kEllipsisWidth : 0);
  out += "\n" + std::string(2 + line_number.size() + 1, ' ') + "| ";
  out += std::string(caret_offset, ' ');
  out += '^';
  out += std::string(caret_end - caret_begin - 1, '~');
  return out;
}

}  // namespace fluxo
