#pragma once

#include <map>
#include <memory>
#include <string>

#include "runtime/state/in_memory_key_value_store.h"
#include "runtime/state/in_memory_window_store.h"
#include "runtime/state/state_instance.h"

namespace fluxo::state {

/// A StateInstance whose stores live in memory: every write is visible at once and nothing
/// survives the instance. Flush only records the metadata; the flush listener is not called,
/// since these stores keep no list of changes.
class InMemoryStateInstance final : public StateInstance {
 public:
  KeyValueStore& GetKeyValueStore(std::string_view name) override;

  WindowStore& GetWindowStore(std::string_view name) override;

  std::vector<StoreListing> ListStores() const override;

  void Flush(const MetadataEntries& metadata) override;

  using StateInstance::Flush;

  std::optional<std::string> ReadMetadata(std::string_view key) override;

  void SetFlushListener(FlushListener* listener) override { static_cast<void>(listener); }

 private:
  std::map<std::string, std::unique_ptr<InMemoryKeyValueStore>, std::less<>> key_value_stores_;
  std::map<std::string, std::unique_ptr<InMemoryWindowStore>, std::less<>> window_stores_;
  std::map<std::string, std::string, std::less<>> metadata_;
};

}  // namespace fluxo::state
