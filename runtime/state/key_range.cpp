#include "runtime/state/key_range.h"

namespace fluxo::state {

KeyRange KeyRange::Between(std::string_view begin, std::string_view end) {
  return KeyRange{std::string(begin), std::string(end)};
}

KeyRange KeyRange::Prefix(std::string_view prefix) {
  return KeyRange{std::string(prefix), PrefixSuccessor(prefix)};
}

bool KeyRange::Contains(std::string_view key) const {
  return key >= std::string_view(begin) && !IsAfterEnd(key);
}

std::optional<std::string> PrefixSuccessor(std::string_view prefix) {
  std::string successor(prefix);
  while (!successor.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(successor.back());
    if (last != 0xFF) {
      ++last;
      return successor;
    }
    successor.pop_back();
  }
  return std::nullopt;
}

}  // namespace fluxo::state
