#include "cli/shell/shell_repl.h"

#include <string>
#include <unistd.h>

#include <doctest/doctest.h>

#include "cli/shell/line_reader.h"
#include "shell_test_fixture.h"

namespace fluxo::cli::shell {
namespace {

/// Runs the loop over `input` piped in, as `echo ... | fluxo shell` does.
int RunPiped(testing::ShellFixture& shell, const std::string& input) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  REQUIRE(write(fds[1], input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  close(fds[1]);
  DescriptorLineReader reader(fds[0], nullptr);
  const int status = RunRepl(reader, shell.session, shell.out, false);
  close(fds[0]);
  return status;
}

TEST_SUITE("shell") {
  TEST_CASE("piped lines run statement by statement until exit") {
    testing::ShellFixture shell;
    CHECK(RunPiped(shell,
                   "CREATE STREAM s (v STRING)\n"
                   "  WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
                   "output json\n"
                   "SHOW STREAMS;\n"
                   "EXIT\n"
                   "SHOW TOPICS;\n") == 0);
    CHECK(shell.out.str() ==
          "Stream created\n"
          "Output format: JSON\n"
          "{\"Stream Name\":\"S\",\"Kafka Topic\":\"s\",\"Key Format\":\"NONE\","
          "\"Value Format\":\"JSON\",\"Windowed\":\"false\"}\n");
  }

  TEST_CASE("piped input goes on after an error but exits 1; the last line needs no break") {
    testing::ShellFixture shell;
    CHECK(RunPiped(shell, "SHOW NOTHING;\nSHOW STREAMS;") == 1);
    CHECK(shell.out.str().find("Stream Name") != std::string::npos);
    CHECK(shell.err.str().find("line 1:6:") != std::string::npos);
  }

  TEST_CASE("exit and quit are words of their own, not the start of a statement") {
    testing::ShellFixture shell;
    CHECK(RunPiped(shell, "quit;\nSHOW STREAMS;\n") == 0);
    CHECK(shell.out.str().empty());
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
