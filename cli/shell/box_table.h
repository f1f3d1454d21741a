#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace fluxo::cli::shell {

/// Renders a table with a box around it, as the shell shows SHOW, DESCRIBE, EXPLAIN and pull
/// query results; each column is as wide as its widest cell, a cell with line breaks takes
/// several lines, and the last line says how many rows there are:
///
///     +------+--------+
///     | Name | Type   |
///     +------+--------+
///     | S    | STREAM |
///     +------+--------+
///     (1 row)
std::string RenderTable(const std::vector<std::string>& columns,
                        const std::vector<std::vector<std::string>>& rows);

/// A boxed table written one row at a time, for push query results whose rows are not known
/// up front: the column widths are fixed when it is made (each column's share of
/// `terminal_width`, at most 40 and at least its header), and a longer cell wraps onto more
/// lines. The first `header_wide_columns` columns are exactly as wide as their headers (the
/// changelog's `op`).
class StreamingTable {
 public:
  StreamingTable(std::vector<std::string> columns,
                 size_t terminal_width,
                 size_t header_wide_columns = 0);

  /// Returns the top border, the header row and the line under it.
  std::string Header() const;

  /// Returns the lines of one row (no border under it: more rows may follow).
  std::string Row(const std::vector<std::string>& cells) const;

  /// Returns the bottom border.
  std::string Footer() const;

 private:
  std::vector<std::string> columns_;
  std::vector<size_t> widths_;
};

/// Returns the number of code points in UTF-8 `text`: its width on a terminal for the
/// alphabets the tables expect.
size_t DisplayWidth(const std::string& text);

}  // namespace fluxo::cli::shell
