// Persistent queries keep their state in RocksDB when the engine has a state directory, and
// give the same results as with in-memory state.

#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;
using testing::Rows;

// Runs a windowed and an unwindowed aggregation over the same records, after `setup`
// (SET statements), and returns what their sink topics got as "key|value" lines.
std::vector<std::string> RunAggregations(EngineFixture& f, const std::string& setup) {
  f.engine.ExecuteScript(setup +
                         "CREATE STREAM trades (symbol STRING KEY, shares INT) "
                         "WITH (kafka_topic='trades', format='JSON', partitions=1);"
                         "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares, "
                         "COUNT(*) AS trades FROM trades GROUP BY symbol;"
                         "CREATE TABLE per_second AS SELECT symbol, SUM(shares) AS shares "
                         "FROM trades WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY symbol;");
  f.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
  f.Produce("trades", R"("Y")", R"({"SHARES":1})", 200);
  f.engine.RunUntilIdle();  // One commit here...
  f.Produce("trades", R"("X")", R"({"SHARES":5})", 1100);
  f.Produce("trades", R"("X")", R"({"SHARES":2})", 1200);
  f.engine.RunUntilIdle();  // ...and one here: later records update committed state.
  std::vector<std::string> lines;
  for (const std::string topic : {"VOLUME", "PER_SECOND"}) {
    for (const runtime::TopicRecord& record : f.Read(topic)) {
      lines.push_back(topic + " " + record.key.value_or("<null>").substr(0, 3) + "|" +
                      record.value.value_or("<null>"));
    }
  }
  return lines;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("with state.dir, each query keeps its state in RocksDB and the results do not change") {
    EngineFixture in_memory;
    const std::vector<std::string> expected = RunAggregations(in_memory, "");
    // X: 10, then 15 and 17; Y: 1. Per second: X 10 in [0, 1000), X 5 then 7 in [1000, 2000).
    // The record cache (on by default) emits each group's latest row once per commit, so the
    // second commit emits X's 17 and 7, not 15 and 5 first.
    CHECK(expected == std::vector<std::string>{
                          R"(VOLUME "X"|{"SHARES":10,"TRADES":1})",
                          R"(VOLUME "Y"|{"SHARES":1,"TRADES":1})",
                          R"(VOLUME "X"|{"SHARES":17,"TRADES":3})",
                          R"(PER_SECOND "X"|{"SHARES":10})",
                          R"(PER_SECOND "Y"|{"SHARES":1})",
                          R"(PER_SECOND "X"|{"SHARES":7})",
                      });

    for (const std::string property : {"state.dir", "ksql.streams.state.dir"}) {
      CAPTURE(property);
      TemporaryDirectory directory("fluxo-query-state");
      EngineFixture on_disk;
      CHECK(
          RunAggregations(on_disk, "SET '" + property + "'='" + directory.path().string() + "';") ==
          expected);
      // One RocksDB database per query, under the service id, named after the query.
      CHECK(std::filesystem::exists(directory.path() / "fluxo" / "CTAS_VOLUME_0" / "CURRENT"));
      CHECK(std::filesystem::exists(directory.path() / "fluxo" / "CTAS_PER_SECOND_1" / "CURRENT"));
      // Pull queries read the RocksDB materialization.
      CHECK(on_disk.Run("SELECT * FROM volume WHERE symbol = 'X';").rows == Rows{{"X", "17", "3"}});
      CHECK(on_disk.Run("SELECT symbol, WINDOWSTART, shares FROM per_second;").rows ==
            Rows{{"X", "0", "10"}, {"X", "1000", "7"}, {"Y", "0", "1"}});
    }
  }

  TEST_CASE("a query restarted over its state directory resumes from its last commit") {
    TemporaryDirectory directory("fluxo-query-state");
    const std::string setup = "SET 'state.dir'='" + directory.path().string() + "';";
    const std::string statements =
        "CREATE STREAM trades (symbol STRING KEY, shares INT) "
        "WITH (kafka_topic='trades', format='JSON', partitions=1);"
        "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares, COUNT(*) AS trades "
        "FROM trades GROUP BY symbol;";
    EngineFixture second;
    {
      // The first run: an engine on the same topics, stopped (destroyed) after one commit.
      Engine first(second.topics);
      first.SetLogSkippedRecords(false);
      first.ExecuteScript(setup + statements);
      second.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
      second.Produce("trades", R"("Y")", R"({"SHARES":1})", 200);
      first.RunUntilIdle();
    }
    second.Produce("trades", R"("X")", R"({"SHARES":5})", 300);  // Arrives while it is down.

    // The second run, on the same state directory: the same statement resumes.
    second.engine.ExecuteScript(setup + statements);
    second.engine.RunUntilIdle();
    std::vector<std::string> values;
    for (const runtime::TopicRecord& record : second.Read("VOLUME")) {
      values.push_back(record.key.value_or("<null>") + "|" + record.value.value_or("<null>"));
    }
    // X's count continues (2, not 1), and no record is read twice.
    CHECK(values == std::vector<std::string>{R"("X"|{"SHARES":10,"TRADES":1})",
                                             R"("Y"|{"SHARES":1,"TRADES":1})",
                                             R"("X"|{"SHARES":15,"TRADES":2})"});
  }

  TEST_CASE("state left under a query id by another statement is not inherited") {
    TemporaryDirectory directory("fluxo-query-state");
    const std::string setup = "SET 'state.dir'='" + directory.path().string() +
                              "';"
                              "CREATE STREAM trades (symbol STRING KEY, shares INT) "
                              "WITH (kafka_topic='trades', format='JSON', partitions=1);";
    {
      EngineFixture first;
      first.engine.ExecuteScript(setup +
                                 "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares "
                                 "FROM trades GROUP BY symbol;");
      first.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
      first.engine.RunUntilIdle();
    }

    EngineFixture second;  // Fresh topics; the same query id CTAS_VOLUME_0, another statement.
    second.engine.ExecuteScript(setup +
                                "CREATE TABLE volume AS SELECT symbol, COUNT(*) AS trades "
                                "FROM trades GROUP BY symbol;");
    second.Produce("trades", R"("X")", R"({"SHARES":7})", 100);
    second.engine.RunUntilIdle();
    const std::vector<runtime::TopicRecord> records = second.Read("VOLUME");
    REQUIRE(records.size() == 1);
    CHECK(records[0].value == R"({"TRADES":1})");
  }

  TEST_CASE("a committed offset beyond the partition's end fails the query, never a reset") {
    TemporaryDirectory directory("fluxo-query-state");
    const std::string script = "SET 'state.dir'='" + directory.path().string() +
                               "';"
                               "CREATE STREAM trades (symbol STRING KEY, shares INT) "
                               "WITH (kafka_topic='trades', format='JSON', partitions=1);"
                               "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares "
                               "FROM trades GROUP BY symbol;";
    {
      EngineFixture first;
      first.engine.ExecuteScript(script);
      first.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
      first.Produce("trades", R"("X")", R"({"SHARES":2})", 200);
      first.engine.RunUntilIdle();
    }

    EngineFixture recreated;  // The topic "was deleted and recreated": it is empty again.
    const std::string error = recreated.ErrorOf(script);
    CHECK(error.find("cannot resume") != std::string::npos);
    CHECK(error.find("offset 2 of topic 'trades' partition 0") != std::string::npos);
    CHECK(recreated.engine.catalog().FindSource("VOLUME") == nullptr);
  }

  TEST_CASE("TERMINATE deletes the query's state directories and internal topics") {
    TemporaryDirectory directory("fluxo-query-state");
    EngineFixture f;
    f.engine.ExecuteScript("SET 'state.dir'='" + directory.path().string() +
                           "';"
                           "CREATE STREAM trades (symbol STRING KEY, venue STRING, shares INT) "
                           "WITH (kafka_topic='trades', format='JSON', partitions=2);"
                           "CREATE TABLE by_venue AS SELECT venue, SUM(shares) AS shares "
                           "FROM trades GROUP BY venue;"
                           "CREATE TABLE by_symbol AS SELECT symbol, COUNT(*) AS n "
                           "FROM trades GROUP BY symbol;");
    f.Produce("trades", R"("X")", R"({"VENUE":"A","SHARES":10})", 100);
    f.engine.RunUntilIdle();
    const auto internal_topics = [&](const std::string& query) {
      std::vector<std::string> found;
      for (const std::string& topic : f.topics->ListTopics()) {
        if (topic.starts_with("fluxo-" + query + "-")) {
          found.push_back(topic);
        }
      }
      return found;
    };
    const std::filesystem::path service = directory.path() / "fluxo";
    // The GROUP BY venue goes through a repartition topic; both queries have changelogs.
    CHECK(internal_topics("CTAS_BY_VENUE_0").size() >= 3);
    CHECK(internal_topics("CTAS_BY_SYMBOL_1").size() >= 2);
    CHECK(std::filesystem::exists(service / "CTAS_BY_VENUE_0"));

    CHECK(f.Run("TERMINATE CTAS_BY_VENUE_0;").message == "Query terminated.");
    CHECK(internal_topics("CTAS_BY_VENUE_0").empty());
    CHECK_FALSE(std::filesystem::exists(service / "CTAS_BY_VENUE_0"));
    // Its sink stays, and so does everything of the other query.
    CHECK(f.topics->TopicExists("BY_VENUE"));
    CHECK(internal_topics("CTAS_BY_SYMBOL_1").size() >= 2);
    CHECK(std::filesystem::exists(service / "CTAS_BY_SYMBOL_1"));

    // Dropping a CREATE ... AS SELECT's table terminates its query the same way.
    f.Run("DROP TABLE by_symbol;");
    CHECK(internal_topics("CTAS_BY_SYMBOL_1").empty());
    CHECK_FALSE(std::filesystem::exists(service / "CTAS_BY_SYMBOL_1"));
  }
}

}  // namespace fluxo::engine
