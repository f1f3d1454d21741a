#include "runtime/state/store_name.h"

#include "runtime/core/error.h"

namespace fluxo::state {

namespace {

constexpr size_t kMaxNameLength = 200;

bool IsAllowed(char character) {
  const auto byte = static_cast<unsigned char>(character);
  return byte > ' ' && byte < 0x7F && byte != '#' && byte != '/' && byte != '\\';
}

}  // namespace

std::string StoreName(std::string_view operator_id, std::string_view role) {
  std::string name;
  name.reserve(operator_id.size() + 1 + role.size());
  name.append(operator_id).append(".").append(role);
  if (operator_id.empty() || role.empty()) {
    throw Error(ErrorKind::kInternal,
                "A state store name needs an operator id and a role: " + name);
  }
  ValidateStoreName(name);
  return name;
}

void ValidateStoreName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) {
    throw Error(ErrorKind::kInternal,
                "A state store name must have 1 to 200 bytes: '" + std::string(name) + "'");
  }
  if (name == "default") {
    throw Error(ErrorKind::kInternal, "'default' is RocksDB's column family, not a state store");
  }
  for (const char character : name) {
    if (!IsAllowed(character)) {
      throw Error(ErrorKind::kInternal,
                  "A state store name may only hold printable ASCII other than '#', '/' and "
                  "'\\': '" +
                      std::string(name) + "'");
    }
  }
}

}  // namespace fluxo::state
