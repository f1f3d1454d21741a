#include "cli/shell/push_query_view.h"

#include <ostream>
#include <utility>

#include "runtime/serde/json_writer.h"

namespace fluxo::cli::shell {
namespace {

std::vector<std::string> TableColumns(const engine::StatementResult& started) {
  std::vector<std::string> columns;
  if (started.table_changes) {
    columns.emplace_back("op");
  }
  columns.insert(columns.end(), started.columns.begin(), started.columns.end());
  return columns;
}

}  // namespace

PushQueryView::PushQueryView(const engine::StatementResult& started,
                             OutputFormat format,
                             size_t terminal_width,
                             std::ostream& out,
                             std::ostream& status)
    : row_format_(started.columns, started.column_types),
      format_(format),
      changelog_(started.table_changes),
      out_(out),
      status_(format == OutputFormat::kJson ? status : out) {
  if (format_ == OutputFormat::kTabular) {
    table_.emplace(TableColumns(started), terminal_width, started.table_changes ? 1 : 0);
  }
}

void PushQueryView::Begin() {
  if (table_.has_value()) {
    out_ << table_->Header() << std::flush;
  }
}

void PushQueryView::Show(const std::vector<engine::PushQueryRow>& rows) {
  for (const engine::PushQueryRow& row : rows) {
    RenderedRow rendered;
    if (format_ == OutputFormat::kTabular) {
      rendered.cells = row_format_.Cells(row);
    } else {
      rendered.json = row_format_.Json(row);
    }
    if (!changelog_) {
      Write(nullptr, rendered);
      continue;
    }
    for (const Change& change : changelog_view_.Apply(row, std::move(rendered))) {
      Write(ChangeKindText(change.kind), change.row);
    }
  }
  out_ << std::flush;
}

void PushQueryView::Write(const char* change_kind, const RenderedRow& row) {
  if (format_ == OutputFormat::kJson) {
    if (change_kind == nullptr) {
      out_ << row.json << '\n';
    } else {
      std::string line = "{\"op\":";
      serde::AppendJsonString(change_kind, line);
      out_ << line << ",\"row\":" << row.json << "}\n";
    }
    return;
  }
  if (change_kind == nullptr) {
    out_ << table_->Row(row.cells);
    return;
  }
  std::vector<std::string> cells;
  cells.reserve(row.cells.size() + 1);
  cells.emplace_back(change_kind);
  cells.insert(cells.end(), row.cells.begin(), row.cells.end());
  out_ << table_->Row(cells);
}

void PushQueryView::End(const std::vector<std::string>& reasons) {
  if (table_.has_value()) {
    out_ << table_->Footer();
  }
  out_ << std::flush;
  for (const std::string& reason : reasons) {
    status_ << reason << '\n';
  }
  status_ << std::flush;
}

}  // namespace fluxo::cli::shell
