#include "runtime/operators/pending_group_changes.h"

#include <utility>

namespace fluxo::runtime {

void PendingGroupChanges::Link(size_t index) {
  Change& change = changes_[index];
  change.older = newest_;
  change.newer = kNone;
  if (newest_ == kNone) {
    oldest_ = index;
  } else {
    changes_[newest_].newer = index;
  }
  newest_ = index;
}

bool PendingGroupChanges::Touch(GroupState& state) {
  const size_t index = state.pending_change;
  if (index == GroupState::kNotPending) {
    return false;
  }
  if (index == newest_) {
    return true;  // Already the last change (each hopping window of a record, say).
  }
  // Unlinked from its place (not the newest, so it has a newer one), appended at the end.
  Change& change = changes_[index];
  changes_[change.newer].older = change.older;
  if (change.older == kNone) {
    oldest_ = change.newer;
  } else {
    changes_[change.older].newer = change.newer;
  }
  Link(index);
  return true;
}

void PendingGroupChanges::Add(GroupState& state,
                              std::span<const Value> key,
                              const std::optional<WindowBounds>& window,
                              std::optional<Row> before) {
  state.pending_change = changes_.size();
  Change& change = changes_.emplace_back();
  change.window = window;
  change.state = &state;
  change.before = std::move(before);
  change.key_begin = key_values_.size();
  change.key_size = key.size();
  key_values_.insert(key_values_.end(), key.begin(), key.end());
  Link(state.pending_change);
}

void PendingGroupChanges::Clear() {
  changes_.clear();
  key_values_.clear();
  oldest_ = kNone;
  newest_ = kNone;
}

}  // namespace fluxo::runtime
