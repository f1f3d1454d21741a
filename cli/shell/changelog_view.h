#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/engine/engine.h"

namespace fluxo::cli::shell {

/// The kind of one line of the changelog view, written as Flink's changelog mode does.
enum class ChangeKind {
  kInsert,        ///< `+I`: the first row this view has seen for its key.
  kUpdateBefore,  ///< `-U`: the row this view last showed for a key that now changes.
  kUpdateAfter,   ///< `+U`: the new row of a key this view has seen before.
  kDelete,        ///< `-D`: the key's row is gone (a tombstone).
};

/// Returns `+I`, `-U`, `+U` or `-D`.
const char* ChangeKindText(ChangeKind kind);

/// A row as the shell shows it: its cells for the tabular view, its JSON object for JSON.
struct RenderedRow {
  std::vector<std::string> cells;
  std::string json;
};

/// One line of the changelog view.
struct Change {
  ChangeKind kind = ChangeKind::kInsert;
  RenderedRow row;
};

/// Turns the rows of a table's push query into a changelog, honestly, from what the engine
/// hands over: a new value for a key, or a tombstone; the engine does not send the row an
/// update replaces. So this view remembers the last row it showed for each key (key columns
/// and window) and derives the changes:
///
///   | the engine sends    | key seen before by this view | key not seen      |
///   |---------------------|------------------------------|-------------------|
///   | a value             | -U (the remembered row), +U  | +I                |
///   | a tombstone         | -D (the remembered row)      | -D (the key only) |
///
/// "+I" therefore means "new to this view": a key the table held before the query started
/// shows as +I on its first change. The memory grows with the number of distinct keys shown.
class ChangelogView {
 public:
  /// Returns the changelog lines for `row`, which `rendered` shows.
  std::vector<Change> Apply(const engine::PushQueryRow& row, RenderedRow rendered);

 private:
  std::unordered_map<std::string, RenderedRow> last_rows_;
};

}  // namespace fluxo::cli::shell
