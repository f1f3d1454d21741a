#include "cli/server/hmac_signature.h"

#include <doctest/doctest.h>

namespace fluxo::cli::server {

TEST_SUITE("server") {
  // RFC 4231, test case 2.
  const std::string kKey = "Jefe";
  const std::string kData = "what do ya want for nothing?";
  const std::string kHex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  TEST_CASE("HmacSha256Hex matches RFC 4231") {
    CHECK(HmacSha256Hex(kKey, kData) == kHex);
  }

  TEST_CASE("SignatureMatches takes sha256=<hex> in either case") {
    CHECK(SignatureMatches(kKey, kData, "sha256=" + kHex));
    std::string upper = kHex;
    for (char& c : upper) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    CHECK(SignatureMatches(kKey, kData, "sha256=" + upper));
  }

  TEST_CASE("SignatureMatches refuses other bodies, secrets and malformed signatures") {
    CHECK_FALSE(SignatureMatches(kKey, kData + " ", "sha256=" + kHex));
    CHECK_FALSE(SignatureMatches("jefe", kData, "sha256=" + kHex));
    CHECK_FALSE(SignatureMatches(kKey, kData, kHex));                        // no prefix
    CHECK_FALSE(SignatureMatches(kKey, kData, "sha1=" + kHex));              // another scheme
    CHECK_FALSE(SignatureMatches(kKey, kData, "sha256=" + kHex.substr(2)));  // too short
    CHECK_FALSE(SignatureMatches(kKey, kData, "sha256=" + kHex + "00"));     // too long
    CHECK_FALSE(SignatureMatches(kKey, kData, "sha256=zz" + kHex.substr(2)));
    CHECK_FALSE(SignatureMatches(kKey, kData, ""));
  }
}

}  // namespace fluxo::cli::server
