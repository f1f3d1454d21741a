#include "runtime/serde/none_serde.h"

namespace fluxo::serde {

std::optional<ValueList> NoneSerde::Deserialize(const std::optional<std::string>& bytes) const {
  if (!bytes) {
    return std::nullopt;
  }
  return ValueList{};
}

std::optional<std::string> NoneSerde::Serialize(const std::optional<ValueList>& /*values*/) const {
  return std::nullopt;
}

}  // namespace fluxo::serde
