#include "runtime/operators/pending_group_changes.h"

#include <algorithm>
#include <utility>

namespace fluxo::runtime {

bool PendingGroupChanges::Touch(GroupState& state) {
  if (state.pending_change == GroupState::kNotPending) {
    return false;
  }
  state.pending_order = ++clock_;
  return true;
}

void PendingGroupChanges::SortByLastChange() {
  by_last_change_.clear();
  by_last_change_.reserve(changes_.size());
  for (size_t index = 0; index < changes_.size(); ++index) {
    by_last_change_.emplace_back(changes_[index].state->pending_order, index);
  }
  std::sort(by_last_change_.begin(), by_last_change_.end());  // Stamps are distinct.
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
  state.pending_order = ++clock_;
}

void PendingGroupChanges::Clear() {
  changes_.clear();
  key_values_.clear();
  by_last_change_.clear();
}

}  // namespace fluxo::runtime
