// A join on a column that is not the stream's key re-keys the stream through a repartition
// topic when the query keeps its state on Kafka (state.dir, so a service id and changelogs):
// the topic's name and records, the results (the same as in-process), a restart after a crash
// under at_least_once (nothing lost, no re-keyed record read twice), and exactly_once_v2.

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "runtime/state/value_codec.h"
#include "runtime/topic/transactional_writer.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

// A commit interval that never passes in a test: a query commits when a poll finds nothing.
std::string Settings(const std::optional<std::string>& state_dir, bool exactly_once = false) {
  std::string sql = "SET 'commit.interval.ms'='3600000';";
  if (state_dir.has_value()) {
    sql += "SET 'state.dir'='" + *state_dir + "';";
  }
  if (exactly_once) {
    sql += "SET 'processing.guarantee'='exactly_once_v2';";
  }
  return sql;
}

const char* const kSources =
    "CREATE TABLE users (user_id STRING PRIMARY KEY, name STRING) "
    "WITH (kafka_topic='users', format='JSON', partitions=2);"
    "CREATE STREAM views (view_id STRING KEY, user_id STRING) "
    "WITH (kafka_topic='views', format='JSON', partitions=3);";

const char* const kJoin =
    "CREATE STREAM enriched AS SELECT v.user_id AS user_id, v.view_id AS view_id, u.name AS name "
    "FROM views v JOIN users u ON v.user_id = u.user_id;";

const std::string kTopic = "fluxo-CSAS_ENRICHED_0-Join-left-repartition";

void ProduceUsers(EngineFixture& f) {
  f.Produce("users", R"("u1")", R"({"NAME":"Ann"})", 10);
  f.Produce("users", R"("u2")", R"({"NAME":"Bob"})", 20);
}

// Views v0..v(n-1) of users u1, u2, u3 in turn (u3 has no user row), after the user rows.
void ProduceViews(EngineFixture& f, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    f.Produce("views",
              "\"v" + std::to_string(i) + "\"",
              R"({"USER_ID":"u)" + std::to_string(1 + i % 3) + "\"}",
              100 + i);
  }
}

// The sink's records as "key|value" lines, sorted.
std::vector<std::string> Sorted(EngineFixture& f, const std::string& topic) {
  std::vector<std::string> lines;
  for (const runtime::TopicRecord& record : f.Read(topic)) {
    lines.push_back(record.key.value_or("<null>") + "|" + record.value.value_or("<null>"));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// What the join must give for views v<first>.. v<first+count-1>: u1 is Ann, u2 Bob.
std::vector<std::string> Expected(int first, int count) {
  std::vector<std::string> lines;
  for (int i = first; i < first + count; ++i) {
    const int user = 1 + i % 3;
    if (user == 3) {
      continue;
    }
    lines.push_back("\"u" + std::to_string(user) + "\"|{\"VIEW_ID\":\"v" + std::to_string(i) +
                    "\",\"NAME\":\"" + (user == 1 ? "Ann" : "Bob") + "\"}");
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("repartition: a join on a non-key column goes through a repartition topic") {
    TemporaryDirectory directory("fluxo-repartition");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(directory.path().string()) + kSources + kJoin);
    ProduceUsers(f);
    ProduceViews(f, 0, 9);
    f.engine.RunUntilIdle();

    CHECK(Sorted(f, "ENRICHED") == Expected(0, 9));
    REQUIRE(f.topics->TopicExists(kTopic));
    CHECK(f.topics->PartitionCount(kTopic) == 3);  // The stream's partition count.
    // One record per view, keyed by the user id, on the partition of its key.
    std::map<std::string, int> per_key;
    for (int32_t partition = 0; partition < 3; ++partition) {
      for (const runtime::TopicRecord& record : f.topics->Fetch(kTopic, partition, 0, 100)) {
        REQUIRE(record.key.has_value());
        const Value key = state::DecodeValue(*record.key);
        ++per_key[key.AsString()];
        CHECK(record.partition == runtime::PartitionForKey(*record.key, 3));
      }
    }
    CHECK(per_key == std::map<std::string, int>{{"u1", 3}, {"u2", 3}, {"u3", 3}});
    // A join on the stream's key needs none: no other repartition topic.
    const std::vector<std::string> topics = f.topics->ListTopics();
    CHECK(std::count_if(topics.begin(), topics.end(), [](const std::string& topic) {
            return topic.ends_with("-repartition");
          }) == 1);
  }

  TEST_CASE("repartition: without state.dir the stream is re-keyed in-process, same results") {
    EngineFixture f;
    f.engine.ExecuteScript(Settings(std::nullopt) + kSources + kJoin);
    ProduceUsers(f);
    ProduceViews(f, 0, 9);
    f.engine.RunUntilIdle();
    CHECK(Sorted(f, "ENRICHED") == Expected(0, 9));
    const std::vector<std::string> topics = f.topics->ListTopics();
    CHECK(std::none_of(topics.begin(), topics.end(), [](const std::string& topic) {
      return topic.ends_with("-repartition");
    }));
  }

  TEST_CASE("repartition: the repartitioned stream keeps its timestamp order with the table") {
    TemporaryDirectory directory("fluxo-repartition");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(directory.path().string()) + kSources + kJoin);
    // v0 (u1) comes before Ann's row, v3 (u1) after it; both are read in one poll.
    f.Produce("views", R"("v0")", R"({"USER_ID":"u1"})", 5);
    ProduceUsers(f);
    f.Produce("views", R"("v3")", R"({"USER_ID":"u1"})", 30);
    f.engine.RunUntilIdle();
    CHECK(Sorted(f, "ENRICHED") ==
          std::vector<std::string>{R"("u1"|{"VIEW_ID":"v3","NAME":"Ann"})"});
  }

  TEST_CASE("repartition: after a crash, re-keyed records are neither lost nor read twice") {
    TemporaryDirectory directory("fluxo-repartition");
    EngineFixture f;
    {
      Engine first(f.topics);
      first.SetLogSkippedRecords(false);
      first.ExecuteScript(Settings(directory.path().string()) + kSources + kJoin);
      ProduceUsers(f);
      ProduceViews(f, 0, 3);
      first.RunUntilIdle();  // Committed.
      ProduceViews(f, 3, 3);
      CHECK(first.PollQueries() == 6);  // Read, re-keyed and joined, not committed: a crash.
      CHECK(f.topics->EndOffset(kTopic, 0) + f.topics->EndOffset(kTopic, 1) +
                f.topics->EndOffset(kTopic, 2) ==
            6);
    }
    CHECK(Sorted(f, "ENRICHED") == Expected(0, 6));
    f.engine.ExecuteScript(Settings(directory.path().string()) + kSources + kJoin);
    ProduceViews(f, 6, 3);
    f.engine.RunUntilIdle();
    // v3..v5 were read again from the stream (at least once): their results are written a
    // second time, once each, not once more for their uncommitted re-keyed records.
    std::vector<std::string> want = Expected(0, 9);
    for (const std::string& again : Expected(3, 3)) {
      want.push_back(again);
    }
    std::sort(want.begin(), want.end());
    CHECK(Sorted(f, "ENRICHED") == want);
  }

  TEST_CASE("repartition: under exactly_once_v2 the re-keyed records are in the transaction") {
    TemporaryDirectory directory("fluxo-repartition");
    EngineFixture f;
    f.engine.ExecuteScript(Settings(directory.path(), /*exactly_once=*/true) + kSources + kJoin);
    ProduceUsers(f);
    ProduceViews(f, 0, 6);
    f.engine.RunUntilIdle();
    CHECK(Sorted(f, "ENRICHED") == Expected(0, 6));

    // An aborted transaction drops its re-keyed records with its output; the redo counts once.
    ProduceViews(f, 6, 3);
    f.topics->FailNextTransactionCommit(runtime::TransactionFailure::kAbortable);
    f.engine.PollQueries();
    CHECK(Sorted(f, "ENRICHED") == Expected(0, 6));
    f.engine.RunUntilIdle();
    CHECK(Sorted(f, "ENRICHED") == Expected(0, 9));
    int64_t repartitioned = 0;
    for (int32_t partition = 0; partition < 3; ++partition) {
      repartitioned += static_cast<int64_t>(f.topics->Fetch(kTopic, partition, 0, 100).size());
    }
    CHECK(repartitioned == 9);
  }
}

}  // namespace fluxo::engine
