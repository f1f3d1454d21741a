#pragma once

#include <optional>
#include <string>

#include "runtime/serde/record_serde.h"

namespace fluxo::serde {

/// The NONE format, and any format for a key with no columns: there is nothing to read or write.
/// Deserialize ignores the bytes: null bytes give nothing (as for every serde) and any other
/// bytes an empty list. Serialize always gives null bytes.
class NoneSerde : public RecordSerde {
 public:
  std::optional<ValueList> Deserialize(const std::optional<std::string>& bytes) const override;

  std::optional<std::string> Serialize(const std::optional<ValueList>& values) const override;
};

}  // namespace fluxo::serde
