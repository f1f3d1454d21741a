#include "cli/server/basic_auth.h"

#include <cctype>
#include <fstream>
#include <optional>
#include <string_view>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "runtime/core/error.h"

namespace fluxo::cli::server {

namespace {

std::string TrimLine(const std::string& line) {
  const size_t end = line.find_last_not_of(" \t\r");
  const size_t begin = line.find_first_not_of(" \t");
  return begin == std::string::npos ? "" : line.substr(begin, end - begin + 1);
}

// Decodes standard Base64 (with padding); nothing for malformed text.
std::optional<std::string> DecodeBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string decoded(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts padding as zero bytes: drop them.
  size_t size = static_cast<size_t>(length);
  for (size_t i = text.size(); i > 0 && text[i - 1] == '=' && size > 0; --i) {
    --size;
  }
  decoded.resize(size);
  return decoded;
}

}  // namespace

BasicAuth BasicAuth::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw Error(ErrorKind::kIo, "Cannot read the credentials file " + path);
  }
  BasicAuth auth;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string trimmed = TrimLine(line);
    if (trimmed.empty() || trimmed.front() == '#') {
      continue;
    }
    const size_t colon = trimmed.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw Error(ErrorKind::kIo, path + ":" + std::to_string(number) + ": expected user:password");
    }
    auth.passwords_[trimmed.substr(0, colon)] = trimmed.substr(colon + 1);
  }
  if (auth.passwords_.empty()) {
    throw Error(ErrorKind::kIo, "The credentials file " + path + " holds no user:password line");
  }
  return auth;
}

bool BasicAuth::Accepts(const std::string& authorization) const {
  constexpr std::string_view kScheme = "basic ";
  if (authorization.size() <= kScheme.size()) {
    return false;
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return false;
    }
  }
  std::string_view encoded(authorization);
  encoded.remove_prefix(kScheme.size());
  while (!encoded.empty() && (encoded.back() == ' ' || encoded.front() == ' ')) {
    encoded = encoded.back() == ' ' ? encoded.substr(0, encoded.size() - 1) : encoded.substr(1);
  }
  const std::optional<std::string> credentials = DecodeBase64(encoded);
  if (!credentials.has_value()) {
    return false;
  }
  const size_t colon = credentials->find(':');
  if (colon == std::string::npos) {
    return false;
  }
  const auto user = passwords_.find(credentials->substr(0, colon));
  if (user == passwords_.end()) {
    return false;
  }
  const std::string given = credentials->substr(colon + 1);
  const std::string& expected = user->second;
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace fluxo::cli::server
