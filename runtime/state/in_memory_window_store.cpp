#include "runtime/state/in_memory_window_store.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/state/window_key_layout.h"

namespace fluxo::state {

size_t InMemoryWindowStore::WindowHash(std::string_view key, int64_t end, uint64_t sequence) {
  // The windows of one start differ in their key and, for sessions and join buffers, in end
  // and sequence.
  return MixIntoHash(std::hash<std::string_view>{}(key), static_cast<uint64_t>(end), sequence);
}

std::optional<std::string_view> InMemoryWindowStore::Get(const WindowKey& window) {
  const auto start = by_start_.find(window.start_ms);
  if (start == by_start_.end()) {
    return std::nullopt;
  }
  const auto found = start->second.windows.find(IdOf(window));
  if (found == start->second.windows.end()) {
    return std::nullopt;
  }
  return found->second.value;
}

void InMemoryWindowStore::Put(const WindowKey& window, std::string_view value) {
  Start& start = by_start_[window.start_ms];
  const WindowIdView id = IdOf(window);
  const auto found = start.windows.find(id);
  if (found != start.windows.end()) {
    found->second.value.assign(value);
    return;
  }
  const auto added =
      start.windows
          .emplace(std::piecewise_construct,
                   std::forward_as_tuple(std::string(id.key), id.end, id.sequence, id.hash),
                   std::forward_as_tuple(std::string(value), false))
          .first;
  start.unindexed.push_back(&*added);
  ++unindexed_count_;
  ++size_;
}

void InMemoryWindowStore::Delete(const WindowKey& window) {
  const auto start = by_start_.find(window.start_ms);
  if (start == by_start_.end()) {
    return;
  }
  const auto found = start->second.windows.find(IdOf(window));
  if (found == start->second.windows.end()) {
    return;
  }
  IndexNewWindows();  // So that no unindexed list points at the window erased here.
  start->second.windows.erase(found);
  if (start->second.windows.empty()) {
    by_start_.erase(start);
  }
  Unindex(window);
  --size_;
}

void InMemoryWindowStore::Unindex(const WindowKey& window) {
  const auto index = by_key_.find(window.key);
  FLUXO_CHECK(index != by_key_.end(), "every stored window is indexed");
  index->second.erase(Slot{window.start_ms, window.end_ms, window.sequence});
  if (index->second.empty()) {
    by_key_.erase(index);
  }
}

void InMemoryWindowStore::IndexNewWindows() {
  if (unindexed_count_ == 0) {
    return;
  }
  for (auto& [start_ms, start] : by_start_) {
    for (Windows::value_type* entry : start.unindexed) {
      const WindowId& id = entry->first;
      auto index = by_key_.find(std::string_view(id.key));
      if (index == by_key_.end()) {
        index = by_key_.emplace(id.key, std::set<Slot>()).first;
      }
      index->second.insert(Slot{start_ms, id.end, id.sequence});
      entry->second.indexed = true;
    }
    start.unindexed.clear();
  }
  unindexed_count_ = 0;
}

void InMemoryWindowStore::FetchKey(std::string_view key,
                                   int64_t from_ms,
                                   int64_t to_ms,
                                   const WindowVisitor& visitor) {
  if (from_ms > to_ms) {
    return;
  }
  IndexNewWindows();
  const auto index = by_key_.find(key);
  if (index == by_key_.end()) {
    return;
  }
  const std::set<Slot>& slots = index->second;
  for (auto slot = slots.lower_bound(Slot{from_ms, std::numeric_limits<int64_t>::min(), 0});
       slot != slots.end() && slot->start <= to_ms;
       ++slot) {
    const WindowKey window{index->first, slot->start, slot->end, slot->sequence};
    const Windows& windows = by_start_.at(slot->start).windows;
    const auto found = windows.find(IdOf(window));
    FLUXO_CHECK(found != windows.end(), "every indexed window has an entry");
    if (!visitor(window, found->second.value)) {
      return;
    }
  }
}

void InMemoryWindowStore::FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) {
  if (from_ms > to_ms) {
    return;
  }
  // Each window with its time-first key, the order both stores visit a start's windows in.
  std::vector<std::pair<std::string, const Stored*>> sorted;
  for (auto start = by_start_.lower_bound(from_ms);
       start != by_start_.end() && start->first <= to_ms;
       ++start) {
    sorted.clear();
    for (const auto& [id, stored] : start->second.windows) {
      std::string time_key;
      AppendTimeFirstKey(WindowKey{id.key, start->first, id.end, id.sequence}, time_key);
      sorted.emplace_back(std::move(time_key), &stored);
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.first < b.first;
    });
    for (const auto& [time_key, stored] : sorted) {
      if (!visitor(DecodeTimeFirstKey(time_key), stored->value)) {
        return;
      }
    }
  }
}

void InMemoryWindowStore::ExpireBefore(int64_t start_ms) {
  const auto end = by_start_.lower_bound(start_ms);
  for (auto start = by_start_.begin(); start != end; ++start) {
    for (const auto& [id, stored] : start->second.windows) {
      if (stored.indexed) {
        Unindex(WindowKey{id.key, start->first, id.end, id.sequence});
      }
    }
    unindexed_count_ -= start->second.unindexed.size();
    size_ -= start->second.windows.size();
  }
  by_start_.erase(by_start_.begin(), end);
}

}  // namespace fluxo::state
