#include "cli/server/hmac_signature.h"

#include <array>
#include <optional>
#include <string_view>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace fluxo::cli::server {

namespace {

constexpr size_t kDigestBytes = 32;
using Digest = std::array<unsigned char, kDigestBytes>;

Digest HmacSha256(const std::string& secret, const std::string& body) {
  Digest digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(),
       secret.data(),
       static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()),
       body.size(),
       digest.data(),
       &length);
  return digest;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::optional<Digest> ParseHexDigest(std::string_view hex) {
  if (hex.size() != 2 * kDigestBytes) {
    return std::nullopt;
  }
  Digest digest{};
  for (size_t i = 0; i < kDigestBytes; ++i) {
    const int high = HexDigit(hex[2 * i]);
    const int low = HexDigit(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    digest[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return digest;
}

}  // namespace

std::string HmacSha256Hex(const std::string& secret, const std::string& body) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : HmacSha256(secret, body)) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xf];
  }
  return hex;
}

bool SignatureMatches(const std::string& secret,
                      const std::string& body,
                      const std::string& signature) {
  constexpr std::string_view kPrefix = "sha256=";
  if (!std::string_view(signature).starts_with(kPrefix)) {
    return false;
  }
  const std::optional<Digest> given =
      ParseHexDigest(std::string_view(signature).substr(kPrefix.size()));
  if (!given.has_value()) {
    return false;
  }
  const Digest expected = HmacSha256(secret, body);
  return CRYPTO_memcmp(given->data(), expected.data(), kDigestBytes) == 0;
}

}  // namespace fluxo::cli::server
