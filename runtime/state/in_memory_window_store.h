#pragma once

#include <map>
#include <set>
#include <string>

#include "runtime/state/window_store.h"

namespace fluxo::state {

/// A WindowStore in std::map/std::set over the stored key layouts of window_key_layout.h:
/// the time-first keys with the values, and the key-first keys as an index for FetchKey.
/// Nothing is persisted.
class InMemoryWindowStore final : public WindowStore {
 public:
  explicit InMemoryWindowStore(std::string name) : name_(std::move(name)) {}

  const std::string& name() const override { return name_; }

  std::optional<std::string_view> Get(const WindowKey& window) override;

  void Put(const WindowKey& window, std::string_view value) override;

  void Delete(const WindowKey& window) override;

  void FetchKey(std::string_view key,
                int64_t from_ms,
                int64_t to_ms,
                const WindowVisitor& visitor) override;

  void FetchAll(int64_t from_ms, int64_t to_ms, const WindowVisitor& visitor) override;

  void ExpireBefore(int64_t start_ms) override;

  uint64_t ApproximateNumEntries() override { return by_time_.size(); }

 private:
  // Encodes `window` into time_key_ and returns it.
  const std::string& TimeKey(const WindowKey& window);

  std::string name_;
  std::map<std::string, std::string, std::less<>> by_time_;
  std::set<std::string, std::less<>> by_key_;
  std::string time_key_;  // Reused encoding buffers.
  std::string index_key_;
};

}  // namespace fluxo::state
