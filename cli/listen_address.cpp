#include "cli/listen_address.h"

#include <charconv>

#include "runtime/core/error.h"

namespace fluxo::cli {

ListenAddress ParseListenAddress(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw Error(ErrorKind::kIo, "--listen expects HOST:PORT, got '" + text + "'");
  }
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (error != std::errc() || end != port.data() + port.size() || value > 65535) {
    throw Error(ErrorKind::kIo, "--listen: '" + port + "' is not a port number (0-65535)");
  }
  address.port = static_cast<uint16_t>(value);
  return address;
}

}  // namespace fluxo::cli
