// `fluxo shell --server`: the REST backend against a REST server in this process (on a free
// port of 127.0.0.1, over an engine on in-memory topics), and the pieces that read the server's
// answers.

#include "cli/shell/rest_backend.h"

#include <chrono>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "cli/http/server_url.h"
#include "cli/server/rest_server.h"
#include "cli/shell/ksql_entity_reader.h"
#include "cli/shell/rest_error_reader.h"
#include "cli/shell/shell_session.h"
#include "runtime/engine/engine_host.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::cli::shell {
namespace {

using http::ServerUrl;

constexpr const char* kCreateOrders =
    "SET 'auto.offset.reset' = 'earliest';"
    "CREATE STREAM orders (id INT KEY, item STRING) "
    "WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);"
    "INSERT INTO orders (id, item) VALUES (1, 'apple');"
    "INSERT INTO orders (id, item) VALUES (2, 'pear');"
    "INSERT INTO orders (id, item) VALUES (3, 'fig');";

server::RestOptions AnyPort() {
  server::RestOptions options;
  options.listen_port = 0;
  return options;
}

/// A REST server on a free port and a shell session driving it through a RestBackend.
struct RemoteShellFixture {
  engine::EngineHost host{
      std::make_unique<engine::Engine>(std::make_shared<runtime::InMemoryTopicClient>()),
      std::chrono::milliseconds(1)};
  server::RestServer rest_server{host, AnyPort()};
  std::unique_ptr<RestBackend> backend;
  std::ostringstream out;
  std::ostringstream err;
  std::function<bool()> interrupt_when = [] { return false; };
  bool interrupted_once = false;
  std::unique_ptr<ShellSession> session;

  RemoteShellFixture() {
    host.Start();
    rest_server.Start();
    backend = std::make_unique<RestBackend>(
        ServerUrl::Parse("http://127.0.0.1:" + std::to_string(rest_server.port())));
    backend->Connect();
    SessionSettings settings;
    settings.terminal_width = [] { return size_t{40}; };
    settings.poll_interval = std::chrono::milliseconds(2);
    session = std::make_unique<ShellSession>(
        *backend, out, err, [this] { return Interrupted(); }, settings);
  }

  ~RemoteShellFixture() {
    session.reset();
    backend.reset();
    rest_server.Stop();
    host.Stop();
  }

  bool Interrupted() {
    if (interrupted_once || !interrupt_when()) {
      return false;
    }
    interrupted_once = true;
    return true;
  }

  bool Type(const std::string& sql) { return session->RunScript(sql, ""); }
};

TEST_SUITE("rest backend") {
  TEST_CASE("statements, SHOW and DESCRIBE go through /ksql and show as tables") {
    RemoteShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    CHECK(shell.out.str() ==
          "Successfully changed local property 'auto.offset.reset' to 'earliest'.\n"
          "Stream created\n");
    shell.out.str("");
    REQUIRE(shell.Type("SHOW STREAMS; DESCRIBE orders;"));
    CHECK(shell.out.str().find("| ORDERS") != std::string::npos);
    CHECK(shell.out.str().find("| ID    | INTEGER (key) |") != std::string::npos);
    CHECK(shell.out.str().find("| ITEM  | STRING        |") != std::string::npos);
  }

  TEST_CASE("a push query streams its rows until its LIMIT") {
    RemoteShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    shell.out.str("");
    REQUIRE(shell.Type("SELECT id, item FROM orders EMIT CHANGES LIMIT 2;"));
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

  TEST_CASE("Ctrl-C closes a running push query, and the session goes on") {
    RemoteShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    shell.out.str("");
    shell.interrupt_when = [&] { return shell.out.str().find("| fig") != std::string::npos; };
    REQUIRE(shell.Type("SELECT * FROM orders EMIT CHANGES;"));
    CHECK(shell.out.str().find("| fig              |\n"
                               "+------------------+------------------+\n"
                               "Query terminated\n") != std::string::npos);
    CHECK(shell.out.str().find("Limit Reached") == std::string::npos);
    shell.out.str("");
    REQUIRE(shell.Type("SHOW TOPICS;"));
    CHECK(shell.out.str().find("| orders") != std::string::npos);
  }

  TEST_CASE("a pull query over a table reads its rows whole") {
    RemoteShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    REQUIRE(
        shell.Type("CREATE TABLE counts AS SELECT item, COUNT(*) AS n FROM orders "
                   "GROUP BY item;"));
    bool found = false;
    for (int attempt = 0; attempt < 200 && !found; ++attempt) {
      shell.out.str("");
      REQUIRE(shell.Type("SELECT item, n FROM counts WHERE item = 'pear';"));
      found = shell.out.str().find("| pear | 1 |") != std::string::npos;
      if (!found) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    CHECK(found);
  }

  TEST_CASE("an error keeps its line and column, for the caret") {
    RemoteShellFixture shell;
    CHECK_FALSE(shell.session->RunStatement("SELECT *\nFROM nowhere EMIT CHANGES"));
    CHECK(shell.err.str() ==
          "line 2:6: NOWHERE does not exist.\n"
          "  2 | FROM nowhere EMIT CHANGES\n"
          "    |      ^\n");
    shell.err.str("");
    CHECK_FALSE(shell.Type("SHOW STREAMS;\nDESCRIBE nothing;"));
    CHECK(shell.err.str().starts_with("line 2:10: "));
  }

  TEST_CASE("variables stay in the shell; PRINT is refused clearly") {
    RemoteShellFixture shell;
    REQUIRE(shell.Type(kCreateOrders));
    REQUIRE(shell.Type("DEFINE source = 'orders';"));
    shell.out.str("");
    REQUIRE(shell.Type("SELECT item FROM ${source} EMIT CHANGES LIMIT 1;"));
    CHECK(shell.out.str().find("| apple") != std::string::npos);
    CHECK_FALSE(shell.Type("PRINT 'orders' FROM BEGINNING LIMIT 1;"));
    CHECK(shell.err.str().find("PRINT needs the embedded shell for now") != std::string::npos);
  }

  TEST_CASE("an unreachable server is an error at Connect") {
    RestBackend backend(ServerUrl::Parse("http://127.0.0.1:1"));
    CHECK_THROWS_WITH_AS(backend.Connect(),
                         doctest::Contains("Cannot reach the server at http://127.0.0.1:1"),
                         Error);
  }

  TEST_CASE("server URLs") {
    const ServerUrl url = ServerUrl::Parse("http://user:secret@localhost:9000/");
    CHECK(url.host == "localhost");
    CHECK(url.port == "9000");
    CHECK(url.user_info == "user:secret");
    CHECK(url.ToString() == "http://localhost:9000");
    CHECK(ServerUrl::Parse("127.0.0.1").port == "8088");
    CHECK(ServerUrl::Parse("http://[::1]:8000").ToString() == "http://[::1]:8000");
    CHECK_THROWS_WITH_AS(
        ServerUrl::Parse("https://x:1"), doctest::Contains("https is not supported yet"), Error);
    CHECK_THROWS_AS(ServerUrl::Parse("http://x:port"), Error);
    CHECK_THROWS_AS(ServerUrl::Parse("http://x:1/ksql"), Error);
  }

  TEST_CASE("error bodies become errors with positions") {
    const Error error = ReadRestError(
        400,
        R"({"@type":"statement_error","error_code":40001,"message":"line 1:15: X does not exist.",)"
        R"("statementText":"SELECT * FROM x;","entities":[],"line":1,"column":15})");
    CHECK(error.message() == "X does not exist.");
    REQUIRE(error.span().has_value());
    CHECK(error.span()->line == 1);
    CHECK(error.span()->column == 15);
    CHECK(std::string(ReadRestError(502, "Bad Gateway\n").what()) ==
          "The server answered 502: Bad Gateway");
  }

  TEST_CASE("type_list schemas read back as SQL types; unknown entities show as their JSON") {
    const auto results = ReadKsqlEntities(R"([{"@type":"type_list","types":{"ADDRESS":)"
                                          R"({"type":"STRUCT","fields":[{"name":"N",)"
                                          R"("schema":{"type":"DECIMAL","parameters":)"
                                          R"({"precision":4,"scale":1}}}]}}},)"
                                          R"({"@type":"new_thing","x":1}])");
    REQUIRE(results.size() == 2);
    REQUIRE(results[0].rows.size() == 1);
    CHECK(results[0].rows[0][1] == "STRUCT<`N` DECIMAL(4, 1)>");
    CHECK(results[1].message.find("\"new_thing\"") != std::string::npos);
    CHECK_THROWS_AS(ReadKsqlEntities("{}"), Error);
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
