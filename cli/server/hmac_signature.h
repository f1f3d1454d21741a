#pragma once

#include <string>

namespace fluxo::cli::server {

/// Returns the lower-case hex HMAC-SHA256 of `body` under `secret` (OpenSSL libcrypto).
std::string HmacSha256Hex(const std::string& secret, const std::string& body);

/// Returns true when `signature` (a webhook's `X-Signature-256` header value) is
/// `sha256=<hex>` and the hex (either case) is the HMAC-SHA256 of `body` under `secret`. The
/// digests are compared in constant time.
bool SignatureMatches(const std::string& secret,
                      const std::string& body,
                      const std::string& signature);

}  // namespace fluxo::cli::server
