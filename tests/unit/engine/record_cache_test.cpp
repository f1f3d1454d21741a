// ksqlDB's record cache for aggregations (AggregateStep::collapse_changes): on by default, a
// group's changes between two commits reach the sink as one row; off with
// cache.max.bytes.buffering=0, every change does.

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine::testing {

namespace {

// The sink's records as "key|value" lines ("<null>" for a tombstone).
std::vector<std::string> Lines(EngineFixture& f, const std::string& topic) {
  std::vector<std::string> lines;
  for (const runtime::TopicRecord& record : f.Read(topic)) {
    lines.push_back(record.key.value_or("<null>").substr(0, 3) + "|" +
                    record.value.value_or("<null>"));
  }
  return lines;
}

constexpr const char* kTrades =
    "CREATE STREAM trades (symbol STRING KEY, shares INT) "
    "WITH (kafka_topic='trades', format='JSON', partitions=1);";

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("the record cache emits each changed group once per commit, in last-change order") {
    EngineFixture f;
    f.engine.ExecuteScript(std::string(kTrades) +
                           "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares FROM "
                           "trades GROUP BY symbol;");
    f.Produce("trades", R"("X")", R"({"SHARES":1})", 100);
    f.Produce("trades", R"("Y")", R"({"SHARES":2})", 200);
    f.Produce("trades", R"("X")", R"({"SHARES":3})", 300);
    f.engine.RunUntilIdle();  // One commit: X changed last, so it comes after Y.
    f.Produce("trades", R"("Y")", R"({"SHARES":4})", 400);
    f.engine.RunUntilIdle();
    CHECK(Lines(f, "VOLUME") == std::vector<std::string>{
                                    R"("Y"|{"SHARES":2})",
                                    R"("X"|{"SHARES":4})",
                                    R"("Y"|{"SHARES":6})",
                                });
    // Pull queries see the same rows.
    const StatementResult pulled = f.Run("SELECT * FROM volume WHERE symbol = 'X';");
    REQUIRE(pulled.rows.size() == 1);
  }

  TEST_CASE("with cache.max.bytes.buffering=0 every change of a group is emitted") {
    for (const std::string property :
         {"cache.max.bytes.buffering", "ksql.streams.cache.max.bytes.buffering"}) {
      CAPTURE(property);
      EngineFixture f;
      f.engine.ExecuteScript("SET '" + property + "'='0';" + kTrades +
                             "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares FROM "
                             "trades WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY symbol;");
      f.Produce("trades", R"("X")", R"({"SHARES":1})", 100);
      f.Produce("trades", R"("X")", R"({"SHARES":3})", 300);
      f.engine.RunUntilIdle();
      CHECK(Lines(f, "VOLUME") == std::vector<std::string>{
                                      R"("X"|{"SHARES":1})",
                                      R"("X"|{"SHARES":4})",
                                  });
    }
  }

  TEST_CASE("with the record cache, HAVING compares with the row emitted at the last commit") {
    EngineFixture f;
    f.engine.ExecuteScript(std::string(kTrades) +
                           "CREATE TABLE few AS SELECT symbol, COUNT(*) AS trades FROM trades "
                           "GROUP BY symbol HAVING COUNT(*) < 2;");
    f.Produce("trades", R"("X")", R"({"SHARES":1})", 100);
    // Y passes HAVING and then fails it before the commit: downstream never saw it, so
    // nothing is emitted for it.
    f.Produce("trades", R"("Y")", R"({"SHARES":1})", 110);
    f.Produce("trades", R"("Y")", R"({"SHARES":1})", 120);
    f.engine.RunUntilIdle();
    // X passed at the last commit and fails now: one delete, however many changes.
    f.Produce("trades", R"("X")", R"({"SHARES":1})", 200);
    f.Produce("trades", R"("X")", R"({"SHARES":1})", 300);
    f.engine.RunUntilIdle();
    CHECK(Lines(f, "FEW") == std::vector<std::string>{
                                 R"("X"|{"TRADES":1})",
                                 R"("X"|<null>)",
                             });
  }
}

}  // namespace fluxo::engine::testing
