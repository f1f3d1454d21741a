#include "cli/server/basic_auth.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/core/temporary_directory.h"

namespace fluxo::cli::server {

namespace {

/// A credentials file in a directory of its own (so that test processes running at the same
/// time never share one), removed afterwards.
struct CredentialsFile {
  explicit CredentialsFile(const std::string& text) : path(directory.path() / "credentials") {
    std::ofstream(path) << text;
  }

  TemporaryDirectory directory{"fluxo-basic-auth"};
  std::filesystem::path path;
};

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("BasicAuth accepts the file's credentials only") {
    const CredentialsFile file("# comment\n\nalice:wonder:land\nbob:builder\r\n");
    const BasicAuth auth = BasicAuth::FromFile(file.path.string());
    CHECK(auth.Accepts("Basic YWxpY2U6d29uZGVyOmxhbmQ="));    // alice:wonder:land
    CHECK(auth.Accepts("basic Ym9iOmJ1aWxkZXI="));            // bob:builder, scheme in any case
    CHECK_FALSE(auth.Accepts("Basic Ym9iOmJ1aWxkZXIg"));      // "bob:builder " (trailing space)
    CHECK_FALSE(auth.Accepts("Basic YWxpY2U6d3Jvbmc="));      // alice:wrong
    CHECK_FALSE(auth.Accepts("Basic bWFsbG9yeTpidWlsZGVy"));  // mallory:builder
    CHECK_FALSE(auth.Accepts("Bearer Ym9iOmJ1aWxkZXI="));
    CHECK_FALSE(auth.Accepts("Basic !!!!"));
    CHECK_FALSE(auth.Accepts("Basic "));
    CHECK_FALSE(auth.Accepts(""));
  }

  TEST_CASE("BasicAuth refuses unreadable or malformed files") {
    CHECK_THROWS_AS(BasicAuth::FromFile("/nonexistent/fluxo/users"), Error);
    const CredentialsFile no_colon("alice\n");
    CHECK_THROWS_WITH_AS(BasicAuth::FromFile(no_colon.path.string()),
                         doctest::Contains(":1: expected user:password"),
                         Error);
    const CredentialsFile empty("# nobody\n");
    CHECK_THROWS_AS(BasicAuth::FromFile(empty.path.string()), Error);
  }
}

}  // namespace fluxo::cli::server
