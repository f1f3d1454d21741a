#include "runtime/state/in_memory_window_store.h"

#include "runtime/core/error.h"
#include "runtime/state/window_key_layout.h"

namespace fluxo::state {

const std::string& InMemoryWindowStore::TimeKey(const WindowKey& window) {
  time_key_.clear();
  AppendTimeFirstKey(window, time_key_);
  return time_key_;
}

std::optional<std::string_view> InMemoryWindowStore::Get(const WindowKey& window) {
  const auto found = by_time_.find(TimeKey(window));
  if (found == by_time_.end()) {
    return std::nullopt;
  }
  return found->second;
}

void InMemoryWindowStore::Put(const WindowKey& window, std::string_view value) {
  const auto found = by_time_.find(TimeKey(window));
  if (found != by_time_.end()) {
    found->second.assign(value);
    return;
  }
  by_time_.emplace(time_key_, value);
  index_key_.clear();
  AppendKeyFirstKey(window, index_key_);
  by_key_.insert(index_key_);
}

void InMemoryWindowStore::Delete(const WindowKey& window) {
  const auto found = by_time_.find(TimeKey(window));
  if (found == by_time_.end()) {
    return;
  }
  by_time_.erase(found);
  index_key_.clear();
  AppendKeyFirstKey(window, index_key_);
  by_key_.erase(index_key_);
}

void InMemoryWindowStore::FetchKey(std::string_view key,
                                   int64_t from_ms,
                                   int64_t to_ms,
                                   const WindowVisitor& visitor) {
  if (from_ms > to_ms) {
    return;
  }
  const KeyRange range = KeyFirstRange(key, from_ms, to_ms);
  for (auto entry = by_key_.lower_bound(range.begin);
       entry != by_key_.end() && !range.IsAfterEnd(*entry);
       ++entry) {
    const WindowKey window = DecodeKeyFirstKey(*entry);
    const auto found = by_time_.find(TimeKey(window));
    FLUXO_CHECK(found != by_time_.end(), "every indexed window has an entry");
    if (!visitor(window, found->second)) {
      return;
    }
  }
}

void InMemoryWindowStore::FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) {
  if (from_ms > to_ms) {
    return;
  }
  const KeyRange range = TimeFirstRange(from_ms, to_ms);
  for (auto entry = by_time_.lower_bound(range.begin);
       entry != by_time_.end() && !range.IsAfterEnd(entry->first);
       ++entry) {
    if (!visitor(DecodeTimeFirstKey(entry->first), entry->second)) {
      return;
    }
  }
}

void InMemoryWindowStore::ExpireBefore(int64_t start_ms) {
  const auto end = by_time_.lower_bound(TimeFirstBound(start_ms));
  for (auto entry = by_time_.begin(); entry != end; ++entry) {
    index_key_.clear();
    AppendKeyFirstKey(DecodeTimeFirstKey(entry->first), index_key_);
    by_key_.erase(index_key_);
  }
  by_time_.erase(by_time_.begin(), end);
}

}  // namespace fluxo::state
