#include "cli/shell/shell_session.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "shell_test_fixture.h"

namespace fluxo::cli::shell {
namespace {

using testing::ShellFixture;

constexpr const char* kCreateOrders =
    "SET 'auto.offset.reset' = 'earliest';"
    "CREATE STREAM orders (id INT KEY, item STRING) WITH (KAFKA_TOPIC='orders', "
    "VALUE_FORMAT='JSON', PARTITIONS=1);"
    "INSERT INTO orders (id, item) VALUES (1, 'apple');"
    "INSERT INTO orders (id, item) VALUES (2, 'pear');"
    "INSERT INTO orders (id, item) VALUES (1, 'fig');";

/// A file that is removed when the test ends.
struct TempFile {
  std::string path;

  TempFile(const std::string& name, const std::string& text) : path(name) {
    std::ofstream(path) << text;
  }

  ~TempFile() { std::remove(path.c_str()); }
};

TEST_SUITE("shell") {
  TEST_CASE("messages and boxed tables") {
    ShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    CHECK(shell.out.str().find("Stream created\n") != std::string::npos);
    REQUIRE(shell.Type("SHOW STREAMS;"));
    CHECK(shell.out.str().find("| ORDERS      | orders      |") != std::string::npos);
    CHECK(shell.err.str().empty());
  }

  TEST_CASE("a push query streams its rows until its LIMIT") {
    ShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    shell.out.str("");
    REQUIRE(shell.Type("SELECT * FROM orders EMIT CHANGES LIMIT 2;"));
    CHECK(shell.out.str() ==
          "+------------------+------------------+\n"
          "| ID               | ITEM             |\n"
          "+------------------+------------------+\n"
          "| 1                | apple            |\n"
          "| 2                | pear             |\n"
          "+------------------+------------------+\n"
          "Limit Reached\n"
          "Query terminated\n");
  }

  TEST_CASE("a table's push query shows a changelog, in JSON too") {
    ShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    shell.out.str("");
    shell.session.set_format(OutputFormat::kJson);
    // Every change of the count, not only the last of each batch (ksqlDB's record cache off).
    REQUIRE(shell.Type("SET 'cache.max.bytes.buffering' = '0';"));
    shell.out.str("");
    REQUIRE(shell.Type("SELECT id, COUNT(*) AS n FROM orders GROUP BY id EMIT CHANGES LIMIT 3;"));
    CHECK(shell.out.str() ==
          "{\"op\":\"+I\",\"row\":{\"ID\":1,\"N\":1}}\n"
          "{\"op\":\"+I\",\"row\":{\"ID\":2,\"N\":1}}\n"
          "{\"op\":\"-U\",\"row\":{\"ID\":1,\"N\":1}}\n"
          "{\"op\":\"+U\",\"row\":{\"ID\":1,\"N\":2}}\n");
    CHECK(shell.err.str() == "Limit Reached\nQuery terminated\n");  // JSON keeps out clean.
  }

  TEST_CASE("Ctrl-C cancels a running push query, and the session goes on") {
    ShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    shell.out.str("");
    shell.interrupt_when = [&] { return shell.out.str().find("| fig") != std::string::npos; };
    REQUIRE(shell.Type("SELECT * FROM orders EMIT CHANGES;"));
    CHECK(shell.out.str().find("| 1                | fig              |\n"
                               "+------------------+------------------+\n"
                               "Query terminated\n") != std::string::npos);
    CHECK(shell.out.str().find("Limit Reached") == std::string::npos);
    shell.out.str("");
    REQUIRE(shell.Type("SHOW QUERIES;"));
    CHECK(shell.out.str().find("transient") == std::string::npos);  // Closed, not running.
  }

  TEST_CASE("DEFINE'd variables are substituted; an error shows line:column and a caret") {
    ShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    REQUIRE(shell.Type("DEFINE source = 'orders'; DEFINE n = '1';"));
    shell.out.str("");
    REQUIRE(shell.Type("SELECT item FROM ${source} EMIT CHANGES LIMIT ${n};"));
    CHECK(shell.out.str().find("| apple") != std::string::npos);

    CHECK_FALSE(shell.session.RunStatement("SELECT *\nFROM nowhere EMIT CHANGES"));
    CHECK(shell.err.str() ==
          "line 2:6: NOWHERE does not exist.\n"
          "  2 | FROM nowhere EMIT CHANGES\n"
          "    |      ^~~~~~~\n");
    shell.out.str("");
    CHECK(shell.session.RunStatement("SHOW STREAMS"));  // Still going.
    CHECK(shell.out.str().find("ORDERS") != std::string::npos);
  }

  TEST_CASE("a script stops at its first error, which points into the file") {
    ShellFixture shell;
    CHECK_FALSE(shell.session.RunScript("SHOW STREAMS;\n\nSHOW STREEMS;\nSHOW TOPICS;", "q.sql"));
    CHECK(shell.err.str().starts_with("q.sql: line 3:6: "));
    CHECK(shell.err.str().find("  3 | SHOW STREEMS;") != std::string::npos);
    CHECK(shell.out.str().find("Partitions") == std::string::npos);  // SHOW TOPICS did not run.
  }

  TEST_CASE("RUN SCRIPT runs a file's statements") {
    ShellFixture shell;
    const TempFile script("shell_session_test_script.sql",
                          "CREATE STREAM s (v STRING) WITH (KAFKA_TOPIC='s', "
                          "VALUE_FORMAT='JSON', PARTITIONS=1);\nDROP STREAM nope;\n");
    CHECK_FALSE(shell.Type("RUN SCRIPT 'shell_session_test_script.sql';"));
    CHECK(shell.out.str().find("Stream created") != std::string::npos);
    CHECK(shell.err.str().starts_with("shell_session_test_script.sql: line 2:"));
    CHECK_FALSE(shell.Type("RUN SCRIPT 'no_such_script.sql';"));
    CHECK(shell.err.str().find("Cannot read the script 'no_such_script.sql'") != std::string::npos);
  }

  TEST_CASE("PRINT shows raw records with the guessed formats") {
    ShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    shell.out.str("");
    REQUIRE(shell.Type("PRINT orders FROM BEGINNING LIMIT 2;"));
    const std::string out = shell.out.str();
    CHECK(out.starts_with("Key format: KAFKA_INT\nValue format: JSON or KAFKA_STRING\nrowtime: "));
    CHECK(out.find(", key: 1, value: {\"ITEM\":\"apple\"}, partition: 0\n") != std::string::npos);
    CHECK(out.find(", key: 2, value: {\"ITEM\":\"pear\"}, partition: 0\n") != std::string::npos);
    CHECK(out.find("fig") == std::string::npos);
    CHECK(out.ends_with("Topic printing ceased\n"));
    CHECK_FALSE(shell.Type("PRINT 'missing';"));
    CHECK(shell.err.str().find("Could not find topic 'missing'") != std::string::npos);
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
