#pragma once

#include <map>
#include <string>

#include "runtime/state/key_value_store.h"

namespace fluxo::state {

/// A KeyValueStore in a std::map: nothing is persisted. For tests and for queries whose state
/// need not survive a restart.
class InMemoryKeyValueStore final : public KeyValueStore {
 public:
  explicit InMemoryKeyValueStore(std::string name) : name_(std::move(name)) {}

  const std::string& name() const override { return name_; }

  std::optional<std::string_view> Get(std::string_view key) override;

  void Put(std::string_view key, std::string_view value) override;

  void Delete(std::string_view key) override;

  void Scan(const KeyRange& range, const KeyValueVisitor& visitor) override;

  uint64_t ApproximateNumEntries() override { return entries_.size(); }

 private:
  std::string name_;
  std::map<std::string, std::string, std::less<>> entries_;
};

}  // namespace fluxo::state
