// A GROUP BY on a column that is not the source's key re-keys the rows through the repartition
// topic `<service.id>-<query id>-Aggregate-GroupBy-repartition` when the query keeps its state
// on Kafka (state.dir): the topic's records (one per row, keyed by the group key, with the
// source record's timestamp), the results (the same as in-process, and as computed here), a
// table's changes (a replaced row leaves its old group through the topic), windows, and a
// restart after a crash under at_least_once (nothing lost, nothing counted twice).

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <stdlib.h>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "runtime/operators/repartition_row_codec.h"
#include "runtime/state/value_codec.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

// A commit interval that never passes in a test: a query commits when a poll finds nothing.
std::string Settings(const std::optional<std::string>& state_dir) {
  std::string sql = "SET 'commit.interval.ms'='3600000';";
  if (state_dir.has_value()) {
    sql += "SET 'state.dir'='" + *state_dir + "';";
  }
  return sql;
}

const char* const kSources =
    "CREATE STREAM trades (id STRING KEY, sym STRING, qty INT) "
    "WITH (kafka_topic='trades', format='JSON', partitions=3);"
    "CREATE TABLE accounts (id STRING PRIMARY KEY, region STRING, balance INT) "
    "WITH (kafka_topic='accounts', format='JSON', partitions=2);";

const char* const kBySym =
    "CREATE TABLE by_sym AS SELECT sym, COUNT(*) AS n, SUM(qty) AS total FROM trades "
    "GROUP BY sym;";
const std::string kBySymTopic = "fluxo-CTAS_BY_SYM_0-Aggregate-GroupBy-repartition";

// Trade i: symbol s<i % 3>, quantity i + 1, at 1000 * i.
void ProduceTrades(EngineFixture& f, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    f.Produce("trades",
              "\"t" + std::to_string(i) + "\"",
              R"({"SYM":"s)" + std::to_string(i % 3) + R"(","QTY":)" + std::to_string(i + 1) + "}",
              1000 * i);
  }
}

// What BY_SYM must hold after trades 0..count-1: per symbol, its count and its quantities' sum.
std::map<std::string, std::string> ExpectedBySym(int count) {
  std::map<std::string, std::pair<int, int>> groups;
  for (int i = 0; i < count; ++i) {
    auto& [n, total] = groups["\"s" + std::to_string(i % 3) + "\""];
    ++n;
    total += i + 1;
  }
  std::map<std::string, std::string> rows;
  for (const auto& [key, group] : groups) {
    rows[key] = "{\"N\":" + std::to_string(group.first) +
                ",\"TOTAL\":" + std::to_string(group.second) + "}";
  }
  return rows;
}

// Every record of the repartition topic `topic`.
std::vector<runtime::TopicRecord> Repartitioned(EngineFixture& f, const std::string& topic) {
  REQUIRE(f.topics->TopicExists(topic));
  return f.Read(topic);
}

size_t RepartitionTopicCount(EngineFixture& f) {
  const std::vector<std::string> topics = f.topics->ListTopics();
  return static_cast<size_t>(std::count_if(topics.begin(), topics.end(), [](const std::string& t) {
    return t.ends_with("-repartition");
  }));
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("group by repartition: a GROUP BY on a non-key column goes through a topic") {
    TemporaryDirectory directory("fluxo-group-by");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(directory.path().string()) + kSources + kBySym);
    ProduceTrades(f, 0, 10);
    f.engine.RunUntilIdle();
    CHECK(f.LatestByKey("BY_SYM") == ExpectedBySym(10));

    CHECK(f.topics->PartitionCount(kBySymTopic) == 3);  // The stream's partition count.
    // One record per trade, keyed by its symbol on that key's partition, with its timestamp.
    std::map<std::string, int> per_key;
    std::vector<int64_t> timestamps;
    for (const runtime::TopicRecord& record : Repartitioned(f, kBySymTopic)) {
      REQUIRE(record.key.has_value());
      ++per_key[state::DecodeValue(*record.key).AsString()];
      CHECK(record.partition == runtime::PartitionForKey(*record.key, 3));
      timestamps.push_back(record.timestamp);
    }
    CHECK(per_key == std::map<std::string, int>{{"s0", 4}, {"s1", 3}, {"s2", 3}});
    std::sort(timestamps.begin(), timestamps.end());
    CHECK(timestamps ==
          std::vector<int64_t>{0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000});

    // The same results in-process, without state.dir, and no repartition topic there.
    EngineFixture in_process;
    in_process.engine.ExecuteScript(Settings(std::nullopt) + kSources + kBySym);
    ProduceTrades(in_process, 0, 10);
    in_process.engine.RunUntilIdle();
    CHECK(in_process.LatestByKey("BY_SYM") == f.LatestByKey("BY_SYM"));
    CHECK(RepartitionTopicCount(in_process) == 0);
  }

  TEST_CASE("group by repartition: a GROUP BY on the key needs no topic") {
    TemporaryDirectory directory("fluxo-group-by");
    EngineFixture f;
    f.engine.ExecuteScript(
        Settings(directory.path().string()) + kSources +
        "CREATE TABLE by_id AS SELECT id, COUNT(*) AS n FROM trades GROUP BY id;");
    ProduceTrades(f, 0, 4);
    f.engine.RunUntilIdle();
    CHECK(f.LatestByKey("BY_ID").size() == 4);
    CHECK(RepartitionTopicCount(f) == 0);
  }

  TEST_CASE("group by repartition: a table's changes leave the old group through the topic") {
    const std::string query =
        "CREATE TABLE by_region AS SELECT region, COUNT(*) AS n, SUM(balance) AS total "
        "FROM accounts GROUP BY region;";
    const auto run = [&](EngineFixture& f, const std::optional<std::string>& state_dir) {
      f.engine.ExecuteScript(Settings(state_dir) + kSources + query);
      f.Produce("accounts", R"("a1")", R"({"REGION":"east","BALANCE":10})", 1);
      f.Produce("accounts", R"("a2")", R"({"REGION":"east","BALANCE":20})", 2);
      f.Produce("accounts", R"("a3")", R"({"REGION":"west","BALANCE":5})", 3);
      f.engine.RunUntilIdle();
      f.Produce("accounts", R"("a1")", R"({"REGION":"west","BALANCE":7})", 4);  // Moves.
      f.Produce("accounts", R"("a2")", std::nullopt, 5);                        // Deleted.
      f.engine.RunUntilIdle();
    };
    TemporaryDirectory directory("fluxo-group-by");
    EngineFixture f;
    run(f, directory.path().string());
    EngineFixture in_process;
    run(in_process, std::nullopt);

    const std::map<std::string, std::string> rows = f.LatestByKey("BY_REGION");
    CHECK(rows == in_process.LatestByKey("BY_REGION"));
    CHECK(rows.at(R"("west")") == R"({"N":2,"TOTAL":12})");
    // East lost both its rows: not 1 row of 20 or 2 rows of 30, as without retractions.
    CHECK(rows.at(R"("east")") != R"({"N":1,"TOTAL":20})");
    CHECK(rows.at(R"("east")").find("\"N\":2") == std::string::npos);

    // The topic holds the changes, each keyed by its group: the 3 inserts, a1's old row out
    // of east and its new row into west, a2's old row out of east.
    std::map<std::string, std::vector<ChangeKind>> kinds;
    for (const runtime::TopicRecord& record :
         Repartitioned(f, "fluxo-CTAS_BY_REGION_0-Aggregate-GroupBy-repartition")) {
      Row row;
      runtime::DecodeRepartitionRow(*record.value, row);
      kinds[state::DecodeValue(*record.key).AsString()].push_back(row.kind);
    }
    CHECK(kinds["east"] == std::vector<ChangeKind>{ChangeKind::kInsert,
                                                   ChangeKind::kInsert,
                                                   ChangeKind::kUpdateBefore,
                                                   ChangeKind::kDelete});
    CHECK(kinds["west"] == std::vector<ChangeKind>{ChangeKind::kInsert, ChangeKind::kUpdateAfter});
  }

  TEST_CASE("group by repartition: a windowed GROUP BY keeps the source timestamps") {
    const std::string query =
        "CREATE TABLE per_window AS SELECT sym, COUNT(*) AS n FROM trades "
        "WINDOW TUMBLING (SIZE 4 SECONDS) GROUP BY sym;";
    TemporaryDirectory directory("fluxo-group-by");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(directory.path().string()) + kSources + query);
    ProduceTrades(f, 0, 12);
    f.engine.RunUntilIdle();
    EngineFixture in_process;
    in_process.engine.ExecuteScript(Settings(std::nullopt) + kSources + query);
    ProduceTrades(in_process, 0, 12);
    in_process.engine.RunUntilIdle();

    const std::map<std::string, std::string> rows = f.LatestByKey("PER_WINDOW");
    CHECK(rows == in_process.LatestByKey("PER_WINDOW"));
    // Trades at 0..11 s, symbol i % 3, in windows of 4 s: one row per (symbol, window).
    std::map<std::pair<int, int>, int> pairs;
    for (int i = 0; i < 12; ++i) {
      ++pairs[{i % 3, i / 4}];
    }
    CHECK(rows.size() == pairs.size());
    CHECK(Repartitioned(f, "fluxo-CTAS_PER_WINDOW_0-Aggregate-GroupBy-repartition").size() == 12);
  }

  TEST_CASE("group by repartition: after a crash, nothing is lost or counted twice") {
    TemporaryDirectory directory("fluxo-group-by");
    EngineFixture f;
    {
      Engine first(f.topics);
      first.SetLogSkippedRecords(false);
      first.ExecuteScript(Settings(directory.path().string()) + kSources + kBySym);
      ProduceTrades(f, 0, 3);
      first.RunUntilIdle();  // Committed.
      ProduceTrades(f, 3, 3);
      CHECK(first.PollQueries() == 6);  // Read, re-keyed and aggregated, not committed.
      CHECK(f.Read(kBySymTopic).size() == 6);
    }
    f.engine.ExecuteScript(Settings(directory.path().string()) + kSources + kBySym);
    ProduceTrades(f, 6, 3);
    f.engine.RunUntilIdle();
    // Trades 3..5 were read again from the stream and re-keyed again; their first re-keyed
    // records, never committed, are skipped.
    CHECK(f.LatestByKey("BY_SYM") == ExpectedBySym(9));
    CHECK(f.Read(kBySymTopic).size() == 12);
  }
}

}  // namespace fluxo::engine
