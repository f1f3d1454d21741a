#pragma once

#include <cstdint>
#include <string>

namespace fluxo::cli {

/// Where a server listens: `--listen HOST:PORT`.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};

/// Parses `HOST:PORT` (`[::1]:8088` for an IPv6 host; port 0 picks a free one). Throws
/// fluxo::Error (kIo) naming what is wrong.
ListenAddress ParseListenAddress(const std::string& text);

}  // namespace fluxo::cli
