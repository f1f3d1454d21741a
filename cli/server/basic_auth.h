#pragma once

#include <map>
#include <string>

namespace fluxo::cli::server {

/// HTTP basic authentication against a credentials file of `user:password` lines (blank lines
/// and lines starting with `#` skipped; the password is everything after the first `:`).
/// Passwords are compared in constant time.
class BasicAuth {
 public:
  /// Reads the credentials file. Throws fluxo::Error (kIo) for an unreadable file, a line
  /// without `:` or a file without credentials.
  static BasicAuth FromFile(const std::string& path);

  /// Returns true when `authorization` (an `Authorization` header value) is `Basic` with
  /// known credentials.
  bool Accepts(const std::string& authorization) const;

 private:
  std::map<std::string, std::string> passwords_;  ///< By user name.
};

}  // namespace fluxo::cli::server
