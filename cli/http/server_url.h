#pragma once

#include <string>
#include <string_view>

namespace fluxo::cli::http {

/// Where a `fluxo server` listens, as `fluxo shell --server` takes it:
/// `http://[USER:PASSWORD@]HOST[:PORT][/]` (port 8088, ksqlDB's, when left out). The user and
/// password, when given, go to the server as HTTP basic credentials.
struct ServerUrl {
  std::string host;
  std::string port;
  std::string user_info;  ///< `USER:PASSWORD`, or empty.

  /// Returns `http://HOST:PORT`, without the credentials (for messages).
  std::string ToString() const;

  /// Reads `text`; throws fluxo::Error (kExecution) naming what is wrong with it, e.g. for
  /// `https://` (not supported yet) or a port that is not a number.
  static ServerUrl Parse(std::string_view text);
};

}  // namespace fluxo::cli::http
