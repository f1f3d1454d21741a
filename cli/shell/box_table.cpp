#include "cli/shell/box_table.h"

#include <algorithm>
#include <utility>

#include "runtime/core/utf8.h"

namespace fluxo::cli::shell {
namespace {

/// The narrowest a streamed column gets, however many columns share the terminal.
constexpr size_t kMinStreamedWidth = 8;
/// The widest a streamed column gets: wider cells wrap, so that rows stay easy to scan.
constexpr size_t kMaxStreamedWidth = 40;

/// Returns the byte length of the code point at `pos` (1 for a byte that is not UTF-8).
size_t CodePointLength(const std::string& text, size_t pos) {
  const size_t length = DecodeUtf8(text, pos).length;
  return length == 0 ? 1 : length;
}

/// Splits a cell at its line breaks and then into pieces at most `width` code points wide
/// (no limit when `width` is 0).
std::vector<std::string> CellLines(const std::string& cell, size_t width) {
  std::vector<std::string> lines(1);
  size_t line_width = 0;
  for (size_t pos = 0; pos < cell.size();) {
    if (cell[pos] == '\n') {
      lines.emplace_back();
      line_width = 0;
      ++pos;
      continue;
    }
    if (width > 0 && line_width == width) {
      lines.emplace_back();
      line_width = 0;
    }
    const size_t length = CodePointLength(cell, pos);
    lines.back().append(cell, pos, length);
    ++line_width;
    pos += length;
  }
  return lines;
}

std::string Border(const std::vector<size_t>& widths) {
  std::string line = "+";
  for (const size_t width : widths) {
    line.append(width + 2, '-');
    line += '+';
  }
  return line + "\n";
}

/// Appends the lines of one row; `wrap` cuts cells at the column width.
void AppendRow(const std::vector<size_t>& widths,
               const std::vector<std::string>& cells,
               bool wrap,
               std::string& out) {
  std::vector<std::vector<std::string>> cell_lines;
  size_t height = 1;
  for (size_t i = 0; i < widths.size(); ++i) {
    cell_lines.push_back(CellLines(i < cells.size() ? cells[i] : "", wrap ? widths[i] : 0));
    height = std::max(height, cell_lines.back().size());
  }
  for (size_t line = 0; line < height; ++line) {
    out += '|';
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string text = line < cell_lines[i].size() ? cell_lines[i][line] : "";
      out += ' ';
      out += text;
      out.append(widths[i] - std::min(widths[i], DisplayWidth(text)) + 1, ' ');
      out += '|';
    }
    out += '\n';
  }
}

size_t WidestLine(const std::string& cell) {
  size_t widest = 0;
  for (const std::string& line : CellLines(cell, 0)) {
    widest = std::max(widest, DisplayWidth(line));
  }
  return widest;
}

}  // namespace

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (size_t pos = 0; pos < text.size(); pos += CodePointLength(text, pos)) {
    ++width;
  }
  return width;
}

std::string RenderTable(const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  widths.reserve(columns.size());
  for (const std::string& column : columns) {
    widths.push_back(WidestLine(column));
  }
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < widths.size() && i < row.size(); ++i) {
      widths[i] = std::max(widths[i], WidestLine(row[i]));
    }
  }
  const std::string border = Border(widths);
  std::string out = border;
  AppendRow(widths, columns, false, out);
  out += border;
  for (const std::vector<std::string>& row : rows) {
    AppendRow(widths, row, false, out);
  }
  if (!rows.empty()) {
    out += border;
  }
  out += "(" + std::to_string(rows.size()) + (rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

StreamingTable::StreamingTable(std::vector<std::string> columns,
                               size_t terminal_width,
                               size_t header_wide_columns)
    : columns_(std::move(columns)) {
  // Each column takes "| " and " " besides its text, and the row ends with one more "|"; the
  // last terminal column stays free, or the terminal would wrap a row that fills it.
  size_t room = terminal_width > 2 ? terminal_width - 2 : 0;
  size_t shared_columns = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const size_t taken = 3 + (i < header_wide_columns ? DisplayWidth(columns_[i]) : 0);
    room = room > taken ? room - taken : 0;
    shared_columns += i < header_wide_columns ? 0 : 1;
  }
  const size_t share =
      std::clamp(room / std::max<size_t>(shared_columns, 1), kMinStreamedWidth, kMaxStreamedWidth);
  for (size_t i = 0; i < columns_.size(); ++i) {
    const size_t header = DisplayWidth(columns_[i]);
    widths_.push_back(i < header_wide_columns ? header : std::max(share, header));
  }
}

std::string StreamingTable::Header() const {
  const std::string border = Border(widths_);
  std::string out = border;
  AppendRow(widths_, columns_, true, out);
  return out + border;
}

std::string StreamingTable::Row(const std::vector<std::string>& cells) const {
  std::string out;
  AppendRow(widths_, cells, true, out);
  return out;
}

std::string StreamingTable::Footer() const {
  return Border(widths_);
}

}  // namespace fluxo::cli::shell
