#include "cli/shell/changelog_view.h"

#include <utility>

namespace fluxo::cli::shell {
namespace {

/// Identifies a row's key: its key values and its window, if any.
std::string KeyIdentity(const engine::PushQueryRow& row) {
  std::string identity;
  for (const Value& value : row.key) {
    identity += value.DebugString();
    identity += '\x1f';
  }
  if (row.window.has_value()) {
    identity += std::to_string(row.window->start) + "/" + std::to_string(row.window->end);
  }
  return identity;
}

}  // namespace

const char* ChangeKindText(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kInsert:
      return "+I";
    case ChangeKind::kUpdateBefore:
      return "-U";
    case ChangeKind::kUpdateAfter:
      return "+U";
    case ChangeKind::kDelete:
      return "-D";
  }
  return "?";
}

std::vector<Change> ChangelogView::Apply(const engine::PushQueryRow& row, RenderedRow rendered) {
  const std::string identity = KeyIdentity(row);
  const auto found = last_rows_.find(identity);
  std::vector<Change> changes;
  if (row.tombstone) {
    if (found == last_rows_.end()) {
      changes.push_back({ChangeKind::kDelete, std::move(rendered)});
    } else {
      changes.push_back({ChangeKind::kDelete, std::move(found->second)});
      last_rows_.erase(found);
    }
    return changes;
  }
  if (found == last_rows_.end()) {
    changes.push_back({ChangeKind::kInsert, rendered});
    last_rows_.emplace(identity, std::move(rendered));
  } else {
    changes.push_back({ChangeKind::kUpdateBefore, found->second});
    changes.push_back({ChangeKind::kUpdateAfter, rendered});
    found->second = std::move(rendered);
  }
  return changes;
}

}  // namespace fluxo::cli::shell
