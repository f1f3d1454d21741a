#include "cli/datagen/record_generator.h"

#include <array>
#include <charconv>

namespace fluxo::cli::datagen {

void SetPrefixedId(DatagenValue& value, std::string_view prefix, int64_t number) {
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  value.text.assign(prefix);
  value.text.append(digits.data(), result.ptr);
}

void ResizeValues(DatagenRecord& record, size_t count) {
  record.values.resize(count);
}

}  // namespace fluxo::cli::datagen
