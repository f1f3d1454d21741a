#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/shell/box_table.h"
#include "cli/shell/changelog_view.h"
#include "cli/shell/output_format.h"
#include "cli/shell/push_row_format.h"
#include "runtime/engine/statement_result.h"

namespace fluxo::cli::shell {

/// Shows a push query's rows as they arrive, each flushed at once:
///  * TABULAR: a boxed header, then one boxed row per record, the bottom border at the end;
///  * JSON: one JSON object per line (status lines go to `status` instead, so that `out`
///    stays valid JSON lines).
/// A table's changes (StatementResult::table_changes) show as a changelog (ChangelogView):
/// TABULAR puts the change kind in a first column `op`; JSON writes
/// `{"op":"+U","row":{...}}`. A stream's rows show as they are.
class PushQueryView {
 public:
  PushQueryView(const engine::StatementResult& started,
                OutputFormat format,
                size_t terminal_width,
                std::ostream& out,
                std::ostream& status);

  /// Writes the header (TABULAR only).
  void Begin();

  /// Writes `rows`.
  void Show(const std::vector<engine::PushQueryRow>& rows);

  /// Writes the bottom border (TABULAR) and then each of `reasons` on a line of its own
  /// ("Limit Reached", "Query terminated").
  void End(const std::vector<std::string>& reasons);

 private:
  void Write(const char* change_kind, const RenderedRow& row);

  PushRowFormat row_format_;
  OutputFormat format_;
  bool changelog_;
  std::optional<StreamingTable> table_;
  ChangelogView changelog_view_;
  std::ostream& out_;
  std::ostream& status_;
};

}  // namespace fluxo::cli::shell
