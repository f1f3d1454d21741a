// scale.out: engines that share a service.id (here: two engines over one in-memory topic
// client, whose consumer groups follow Kafka's eager protocol) split a query's partitions, one
// task per partition with a changelog partition of its own; when one engine goes away without
// committing (a crash), the other takes its partitions over, restores their state from the
// changelog partitions and completes the results. A query that cannot be split runs whole on
// the engine that owns partition 0. Also the group's range assignment and the setting's errors,
// and num.stream.threads, which splits a query into the same tasks on one engine.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/core/temporary_directory.h"
#include "runtime/topic/in_memory_consumer_groups.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

std::string Settings(const std::string& state_dir) {
  return "SET 'commit.interval.ms'='3600000'; SET 'scale.out'='true'; SET 'state.dir'='" +
         state_dir + "';";
}

const char* const kTrades =
    "CREATE STREAM trades (id STRING KEY, sym STRING, qty INT) "
    "WITH (kafka_topic='trades', format='JSON', partitions=4);";
// Grouped by the key: one task per partition.
const char* const kById =
    "CREATE TABLE by_id AS SELECT id, COUNT(*) AS n, SUM(qty) AS total FROM trades GROUP BY id;";
// Grouped by another column: through a repartition topic, so one task for the whole query.
const char* const kBySym =
    "CREATE TABLE by_sym AS SELECT sym, COUNT(*) AS n, SUM(qty) AS total FROM trades "
    "GROUP BY sym;";

constexpr int kIds = 12;

// Trade i: id t<i % 12>, symbol s<i % 3>, quantity i + 1, at 1000 * i.
void ProduceTrades(EngineFixture& f, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    f.Produce("trades",
              "\"t" + std::to_string(i % kIds) + "\"",
              R"({"SYM":"s)" + std::to_string(i % 3) + R"(","QTY":)" + std::to_string(i + 1) + "}",
              1000 * i);
  }
}

// The rows a table grouped by `modulus` (id: 12, symbol: 3) must hold after trades
// 0..count-1, keyed as the sink writes them.
std::map<std::string, std::string> Expected(int count, int modulus, const std::string& prefix) {
  std::map<int, std::pair<int, int>> groups;
  for (int i = 0; i < count; ++i) {
    auto& [n, total] = groups[i % modulus];
    ++n;
    total += i + 1;
  }
  std::map<std::string, std::string> rows;
  for (const auto& [group, values] : groups) {
    rows["\"" + prefix + std::to_string(group) + "\""] =
        "{\"N\":" + std::to_string(values.first) + ",\"TOTAL\":" + std::to_string(values.second) +
        "}";
  }
  return rows;
}

const QueryMetrics& MetricsOf(const std::vector<QueryMetrics>& all, const std::string& query) {
  for (const QueryMetrics& metrics : all) {
    if (metrics.query_id == query) {
      return metrics;
    }
  }
  FAIL("no query " << query);
  return all.front();
}

std::vector<int32_t> Owned(const Engine& engine, const std::string& query) {
  return MetricsOf(engine.CollectQueryMetrics(), query).owned_partitions;
}

}  // namespace

TEST_SUITE("engine.scale_out") {
  TEST_CASE("range assignment: Kafka's split, the first members one more") {
    CHECK(runtime::RangeAssignment(4, 1, 0) == std::vector<int32_t>{0, 1, 2, 3});
    CHECK(runtime::RangeAssignment(4, 2, 1) == std::vector<int32_t>{2, 3});
    CHECK(runtime::RangeAssignment(5, 2, 0) == std::vector<int32_t>{0, 1, 2});
    CHECK(runtime::RangeAssignment(5, 2, 1) == std::vector<int32_t>{3, 4});
    CHECK(runtime::RangeAssignment(2, 3, 2).empty());
  }

  TEST_CASE("scale out: two engines split the partitions; the survivor of a crash completes") {
    TemporaryDirectory first_dir("fluxo-scale-a");
    TemporaryDirectory second_dir("fluxo-scale-b");
    EngineFixture f;  // f.engine is the survivor.
    f.engine.ExecuteScript(Settings(first_dir.path().string()) + kTrades + kById);
    ProduceTrades(f, 0, 40);
    f.engine.RunUntilIdle();
    CHECK(Owned(f.engine, "CTAS_BY_ID_0") == std::vector<int32_t>{0, 1, 2, 3});
    CHECK(f.LatestByKey("BY_ID") == Expected(40, kIds, "t"));
    {
      auto second = std::make_unique<Engine>(f.topics);
      second->SetLogSkippedRecords(false);
      second->ExecuteScript(Settings(second_dir.path().string()) + kTrades + kById);
      second->RunUntilIdle();  // Joined: nothing is assigned until the first engine let go.
      CHECK(Owned(*second, "CTAS_BY_ID_0").empty());
      f.engine.RunUntilIdle();  // Gives everything up (committed), then gets partitions 0, 1.
      second->RunUntilIdle();   // Gets 2, 3, restored from their changelog partitions.
      CHECK(Owned(f.engine, "CTAS_BY_ID_0") == std::vector<int32_t>{0, 1});
      CHECK(Owned(*second, "CTAS_BY_ID_0") == std::vector<int32_t>{2, 3});

      ProduceTrades(f, 40, 40);
      const uint64_t first_before =
          MetricsOf(f.engine.CollectQueryMetrics(), "CTAS_BY_ID_0").records_read;
      f.engine.RunUntilIdle();
      second->RunUntilIdle();
      const uint64_t first_read =
          MetricsOf(f.engine.CollectQueryMetrics(), "CTAS_BY_ID_0").records_read - first_before;
      const uint64_t second_read =
          MetricsOf(second->CollectQueryMetrics(), "CTAS_BY_ID_0").records_read;
      CHECK(first_read > 0);
      CHECK(second_read > 0);
      CHECK(first_read + second_read == 40);
      CHECK(f.LatestByKey("BY_ID") == Expected(80, kIds, "t"));

      ProduceTrades(f, 80, 40);
      CHECK(second->PollQueries() > 0);  // Read and counted, never committed: then it crashes.
    }
    ProduceTrades(f, 120, 20);
    f.engine.RunUntilIdle();
    CHECK(Owned(f.engine, "CTAS_BY_ID_0") == std::vector<int32_t>{0, 1, 2, 3});
    // Every trade counted once: the crashed engine's uncommitted work was done again from its
    // partitions' committed offsets, over their state restored from the changelogs.
    CHECK(f.LatestByKey("BY_ID") == Expected(140, kIds, "t"));
    // The changelogs (the aggregate's store and the offsets) have a partition per task.
    int changelogs = 0;
    for (const std::string& topic : f.topics->ListTopics()) {
      if (topic.starts_with("fluxo-CTAS_BY_ID_0-") && topic.ends_with("-changelog")) {
        ++changelogs;
        CHECK(f.topics->PartitionCount(topic) == 4);
      }
    }
    CHECK(changelogs >= 2);
  }

  TEST_CASE("scale out: a pull query answers from this engine's tasks and says which share") {
    TemporaryDirectory first_dir("fluxo-scale-a");
    TemporaryDirectory second_dir("fluxo-scale-b");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(first_dir.path().string()) + kTrades + kById);
    Engine second(f.topics);
    second.SetLogSkippedRecords(false);
    second.ExecuteScript(Settings(second_dir.path().string()) + kTrades + kById);
    f.engine.RunUntilIdle();
    second.RunUntilIdle();
    f.engine.RunUntilIdle();
    second.RunUntilIdle();
    REQUIRE(Owned(f.engine, "CTAS_BY_ID_0") == std::vector<int32_t>{0, 1});
    REQUIRE(Owned(second, "CTAS_BY_ID_0") == std::vector<int32_t>{2, 3});
    ProduceTrades(f, 0, 60);
    f.engine.RunUntilIdle();
    second.RunUntilIdle();

    // Where each id's trades went, and what its row holds (5 trades each: i, i+12, ...).
    std::map<int32_t, std::set<std::string>> ids_of_partition;
    for (const runtime::TopicRecord& record : f.Read("trades")) {
      ids_of_partition[record.partition].insert(record.key->substr(1, record.key->size() - 2));
    }
    const auto rows_of = [&](const std::vector<int32_t>& partitions) {
      std::set<std::string> rows;
      for (int32_t partition : partitions) {
        for (const std::string& id : ids_of_partition[partition]) {
          const int i = std::stoi(id.substr(1));
          rows.insert(id + "," + std::to_string(5 * (i + 1) + 12 * 10));
        }
      }
      return rows;
    };
    const auto answer_rows = [](const StatementResult& result) {
      std::set<std::string> rows;
      for (const std::vector<std::string>& row : result.rows) {
        rows.insert(row[0] + "," + row[1]);
      }
      CHECK(rows.size() == result.rows.size());
      return rows;
    };
    const std::string select = "SELECT ID, TOTAL FROM BY_ID;";

    const StatementResult first_share = f.engine.ExecuteScript(select).front();
    REQUIRE(first_share.pull_share.has_value());
    CHECK(first_share.pull_share->query_id == "CTAS_BY_ID_0");
    CHECK(first_share.pull_share->partitions == 4);
    CHECK(first_share.pull_share->answered == std::vector<int32_t>{0, 1});
    CHECK_FALSE(first_share.pull_share->limit.has_value());
    CHECK(answer_rows(first_share) == rows_of({0, 1}));
    const StatementResult second_share = second.ExecuteScript(select).front();
    CHECK(second_share.pull_share->answered == std::vector<int32_t>{2, 3});
    CHECK(answer_rows(second_share) == rows_of({2, 3}));
    CHECK(rows_of({0, 1, 2, 3}).size() == kIds);

    // A share of the partitions asked for: those whose tasks run here, nothing else.
    const StatementResult one = second.ExecutePullQueryShare(select, {0, 3});
    CHECK(one.pull_share->answered == std::vector<int32_t>{3});
    CHECK(answer_rows(one) == rows_of({3}));
    const StatementResult none = f.engine.ExecutePullQueryShare(select, {2, 3});
    CHECK(none.pull_share->answered.empty());
    CHECK(none.rows.empty());
    CHECK(f.engine.ExecuteScript("SELECT * FROM BY_ID LIMIT 3;").front().pull_share->limit ==
          std::optional<int64_t>(3));
    CHECK_THROWS_WITH_AS(f.engine.ExecutePullQueryShare("SELECT * FROM trades EMIT CHANGES;", {0}),
                         doctest::Contains("Expected one pull query"),
                         Error);
    // A table whose query is not scaled out is answered whole, with no share.
    f.engine.ExecuteScript(
        "SET 'scale.out'='false'; CREATE TABLE whole AS SELECT id, COUNT(*) "
        "AS n FROM trades GROUP BY id;");
    f.engine.RunUntilIdle();
    const StatementResult whole = f.engine.ExecuteScript("SELECT * FROM WHOLE;").front();
    CHECK_FALSE(whole.pull_share.has_value());
    CHECK(whole.rows.size() == kIds);
  }

  TEST_CASE("scale out: a query that re-keys runs whole on the owner of partition 0") {
    TemporaryDirectory first_dir("fluxo-scale-a");
    TemporaryDirectory second_dir("fluxo-scale-b");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(first_dir.path().string()) + kTrades + kBySym);
    ProduceTrades(f, 0, 30);
    f.engine.RunUntilIdle();
    {
      Engine second(f.topics);
      second.SetLogSkippedRecords(false);
      second.ExecuteScript(Settings(second_dir.path().string()) + kTrades + kBySym);
      second.RunUntilIdle();
      f.engine.RunUntilIdle();
      second.RunUntilIdle();
      // The first engine joined first, so it owns partition 0 and with it the whole query.
      CHECK(Owned(f.engine, "CTAS_BY_SYM_0") == std::vector<int32_t>{0, 1, 2, 3});
      CHECK(Owned(second, "CTAS_BY_SYM_0").empty());
      ProduceTrades(f, 30, 30);
      f.engine.RunUntilIdle();
      CHECK(second.PollQueries() == 0);
      CHECK(f.LatestByKey("BY_SYM") == Expected(60, 3, "s"));
    }
    ProduceTrades(f, 60, 30);
    f.engine.RunUntilIdle();  // Alone again: rebalanced, and still the owner.
    CHECK(f.LatestByKey("BY_SYM") == Expected(90, 3, "s"));
  }

  TEST_CASE("scale out: the setting's errors") {
    EngineFixture f;
    f.engine.ExecuteScript(kTrades);
    CHECK(f.ErrorOf("SET 'scale.out'='yes';" + std::string(kById)) ==
          "line 1:23: Invalid value for scale.out: 'yes' (expected 'true' or 'false')");
    CHECK(f.ErrorOf("SET 'scale.out'='true';" + std::string(kById)).find("set state.dir") !=
          std::string::npos);
  }

  TEST_CASE("num.stream.threads: one task per partition, polled by several threads") {
    TemporaryDirectory state_dir("fluxo-threads");
    const std::string settings =
        "SET 'commit.interval.ms'='3600000'; "
        "SET 'num.stream.threads'='3'; SET 'state.dir'='" +
        state_dir.path().string() + "';";
    {
      EngineFixture f;
      f.engine.ExecuteScript(settings + kTrades + kById + kBySym);
      ProduceTrades(f, 0, 200);
      f.engine.RunUntilIdle();
      CHECK(f.LatestByKey("BY_ID") == Expected(200, kIds, "t"));
      CHECK(f.LatestByKey("BY_SYM") == Expected(200, 3, "s"));
      // The query grouped by its key runs as four tasks, each with its own state; the one that
      // re-keys runs whole.
      const std::filesystem::path service = state_dir.path() / "fluxo";
      for (int partition = 0; partition < 4; ++partition) {
        CHECK(std::filesystem::exists(service / ("CTAS_BY_ID_0-" + std::to_string(partition))));
      }
      CHECK_FALSE(std::filesystem::exists(service / "CTAS_BY_ID_0"));
      CHECK(std::filesystem::exists(service / "CTAS_BY_SYM_1"));
      CHECK(Owned(f.engine, "CTAS_BY_ID_0") == std::vector<int32_t>{0, 1, 2, 3});
      CHECK(MetricsOf(f.engine.CollectQueryMetrics(), "CTAS_BY_ID_0").records_read == 200);
    }
  }

  TEST_CASE("num.stream.threads: the setting's errors") {
    EngineFixture f;
    f.engine.ExecuteScript(kTrades);
    for (const std::string bad : {"0", "-2", "many", "1000", "2.5"}) {
      CHECK(f.ErrorOf("SET 'num.stream.threads'='" + bad + "';" + std::string(kById))
                .find("Invalid value for num.stream.threads: '" + bad +
                      "' (expected a number of threads from 1 to 256)") != std::string::npos);
    }
    // ksqlDB's spelling is the same setting.
    CHECK(f.ErrorOf("SET 'ksql.streams.num.stream.threads'='0';" + std::string(kById))
              .find("num.stream.threads") != std::string::npos);
  }
}

}  // namespace fluxo::engine
