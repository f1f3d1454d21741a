#include "cli/http/server_url.h"

#include <algorithm>

#include "runtime/core/error.h"

namespace fluxo::cli::http {
namespace {

constexpr std::string_view kScheme = "http://";
constexpr const char* kDefaultPort = "8088";

[[noreturn]] void Fail(std::string_view text, const std::string& reason) {
  throw Error(
      ErrorKind::kExecution,
      "Invalid server URL '" + std::string(text) + "': " + reason + " (expected http://HOST:PORT)");
}

}  // namespace

std::string ServerUrl::ToString() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return std::string(kScheme) + (ipv6 ? "[" + host + "]" : host) + ":" + port;
}

ServerUrl ServerUrl::Parse(std::string_view text) {
  if (text.starts_with("https://")) {
    Fail(text, "https is not supported yet");
  }
  std::string_view rest = text;
  if (rest.starts_with(kScheme)) {
    rest.remove_prefix(kScheme.size());
  } else if (rest.find("://") != std::string_view::npos) {
    Fail(text, "only http:// is supported");
  }
  // Only `/` may follow the authority: the endpoints' paths are fixed.
  const size_t slash = rest.find('/');
  if (slash != std::string_view::npos) {
    if (rest.substr(slash) != "/") {
      Fail(text, "a path is not supported");
    }
    rest = rest.substr(0, slash);
  }
  ServerUrl url;
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) {
    url.user_info = std::string(rest.substr(0, at));
    rest.remove_prefix(at + 1);
  }
  std::string_view port;
  if (rest.starts_with("[")) {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      Fail(text, "unclosed '['");
    }
    url.host = std::string(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    if (rest.starts_with(":")) {
      port = rest.substr(1);
    } else if (!rest.empty()) {
      Fail(text, "unexpected text after the host");
    }
  } else if (const size_t colon = rest.find(':'); colon != std::string_view::npos) {
    url.host = std::string(rest.substr(0, colon));
    port = rest.substr(colon + 1);
  } else {
    url.host = std::string(rest);
  }
  if (url.host.empty()) {
    Fail(text, "no host");
  }
  if (port.empty()) {
    url.port = kDefaultPort;
  } else if (port.size() > 5 ||
             !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
             std::stoi(std::string(port)) > 65535) {
    Fail(text, "the port must be a number up to 65535");
  } else {
    url.port = std::string(port);
  }
  return url;
}

}  // namespace fluxo::cli::http
