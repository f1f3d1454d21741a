#include "runtime/operators/pending_group_changes.h"

#include <algorithm>
#include <utility>

namespace fluxo::runtime {

bool PendingGroupChanges::Touch(GroupState& state) {
  if (state.pending_change == GroupState::kNotPending) {
    return false;
  }
  changes_[state.pending_change].last_change = next_change_++;
  return true;
}

void PendingGroupChanges::Add(GroupState& state,
                              const ValueList& key,
                              const std::optional<WindowBounds>& window,
                              std::optional<Row> before) {
  state.pending_change = changes_.size();
  changes_.push_back(Change{key, window, &state, std::move(before), next_change_++});
}

std::vector<PendingGroupChanges::Change>& PendingGroupChanges::Take() {
  // Sorts (last change, index) pairs rather than the changes themselves.
  order_.clear();
  for (size_t i = 0; i < changes_.size(); ++i) {
    order_.emplace_back(changes_[i].last_change, i);
    changes_[i].state->pending_change = GroupState::kNotPending;
  }
  std::sort(order_.begin(), order_.end());
  taken_.clear();
  taken_.reserve(changes_.size());
  for (const auto& [last_change, i] : order_) {
    taken_.push_back(std::move(changes_[i]));
  }
  changes_.clear();
  return taken_;
}

}  // namespace fluxo::runtime
