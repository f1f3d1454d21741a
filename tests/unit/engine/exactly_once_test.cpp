// processing.guarantee=exactly_once_v2 on the in-memory topic client, whose transactions make
// records visible on commit and drop them on abort: what a commit makes visible, what an abort
// leaves, and how a restart reconciles its local state with Kafka's committed transactions.

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "runtime/engine/changelog.h"
#include "runtime/topic/transactional_writer.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

// Under exactly_once_v2 with state in `directory`; a commit interval that never passes in a
// test, so that a query commits exactly when a poll finds nothing more to read.
std::string Script(const TemporaryDirectory& directory) {
  return "SET 'state.dir'='" + directory.path().string() +
         "';"
         "SET 'processing.guarantee'='exactly_once_v2';"
         "SET 'commit.interval.ms'='3600000';"
         "CREATE STREAM trades (symbol STRING KEY, shares INT) "
         "WITH (kafka_topic='trades', format='JSON', partitions=1);"
         "CREATE TABLE volume AS SELECT symbol, SUM(shares) AS shares, COUNT(*) AS trades "
         "FROM trades GROUP BY symbol;";
}

const std::string kQueryId = "CTAS_VOLUME_0";

// The sink's records as "key|value" lines.
std::vector<std::string> Volume(EngineFixture& f) {
  std::vector<std::string> lines;
  for (const runtime::TopicRecord& record : f.Read("VOLUME")) {
    lines.push_back(record.key.value_or("<null>") + "|" + record.value.value_or("<null>"));
  }
  return lines;
}

// The number of records of every topic of the query's changelogs.
size_t ChangelogRecords(EngineFixture& f) {
  size_t records = 0;
  for (const std::string& topic : f.topics->ListTopics()) {
    if (topic.starts_with("fluxo-" + kQueryId + "-")) {
      records += f.Read(topic).size();
    }
  }
  return records;
}

// The last committed value of each key of the query's offsets changelog.
std::map<std::string, std::string> CommittedOffsets(EngineFixture& f) {
  std::map<std::string, std::string> committed;
  for (const runtime::TopicRecord& record : f.Read(Changelog::OffsetsTopic("fluxo", kQueryId))) {
    if (record.key.has_value() && record.key->starts_with("offset:")) {
      committed[*record.key] = record.value.value_or("<null>");
    }
  }
  return committed;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("exactly_once_v2: a commit makes output, changelogs and offsets visible together") {
    TemporaryDirectory directory("fluxo-eos");
    EngineFixture f;
    f.engine.ExecuteScript(Script(directory));
    f.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
    f.Produce("trades", R"("Y")", R"({"SHARES":1})", 200);

    CHECK(f.engine.PollQueries() == 2);  // Processed, not committed: nothing is visible.
    CHECK(Volume(f).empty());
    CHECK(ChangelogRecords(f) == 0);

    CHECK(f.engine.PollQueries() == 0);  // Caught up: it commits, and all of it appears.
    CHECK(Volume(f) == std::vector<std::string>{R"("X"|{"SHARES":10,"TRADES":1})",
                                                R"("Y"|{"SHARES":1,"TRADES":1})"});
    CHECK(CommittedOffsets(f) == std::map<std::string, std::string>{{"offset:trades:0", "2"}});
    CHECK(ChangelogRecords(f) > 1);
  }

  TEST_CASE("exactly_once_v2: an aborted transaction shows nothing, and the work is redone") {
    TemporaryDirectory directory("fluxo-eos");
    EngineFixture f;
    f.engine.ExecuteScript(Script(directory));
    f.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
    f.engine.RunUntilIdle();
    const size_t changelog_records = ChangelogRecords(f);

    f.Produce("trades", R"("X")", R"({"SHARES":5})", 200);
    f.topics->FailNextTransactionCommit(runtime::TransactionFailure::kAbortable);
    CHECK(f.engine.PollQueries() == 1);
    CHECK(f.engine.PollQueries() == 0);  // The commit fails: aborted, the query restarts.
    CHECK(Volume(f) == std::vector<std::string>{R"("X"|{"SHARES":10,"TRADES":1})"});
    CHECK(ChangelogRecords(f) == changelog_records);
    CHECK(CommittedOffsets(f) == std::map<std::string, std::string>{{"offset:trades:0", "1"}});

    // From its last commit: the record is read again and counted once, on top of 10.
    f.engine.RunUntilIdle();
    CHECK(Volume(f) == std::vector<std::string>{R"("X"|{"SHARES":10,"TRADES":1})",
                                                R"("X"|{"SHARES":15,"TRADES":2})"});
    CHECK(CommittedOffsets(f) == std::map<std::string, std::string>{{"offset:trades:0", "2"}});
  }

  TEST_CASE("exactly_once_v2: a newer instance of the query fences the older one") {
    TemporaryDirectory first_directory("fluxo-eos");
    TemporaryDirectory second_directory("fluxo-eos");
    EngineFixture f;
    f.engine.ExecuteScript(Script(first_directory));
    f.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
    f.engine.RunUntilIdle();

    Engine newer(f.topics);  // Same service.id and query id, another state directory.
    newer.SetLogSkippedRecords(false);
    newer.ExecuteScript(Script(second_directory));
    f.Produce("trades", R"("X")", R"({"SHARES":5})", 200);
    f.engine.PollQueries();  // The older one is fenced as it writes: it stops for good.
    f.engine.PollQueries();
    newer.RunUntilIdle();
    // The newer one rebuilt X's state from the changelogs and counted the record once.
    CHECK(Volume(f) == std::vector<std::string>{R"("X"|{"SHARES":10,"TRADES":1})",
                                                R"("X"|{"SHARES":15,"TRADES":2})"});
    const StatementResult queries = f.Run("SHOW QUERIES;");
    REQUIRE(queries.rows.size() == 1);
    CHECK(queries.rows[0][2].starts_with("ERROR"));
    CHECK(queries.rows[0][2].find("fenced") != std::string::npos);
  }

  TEST_CASE("exactly_once_v2: a local state behind Kafka's last transaction is rebuilt") {
    TemporaryDirectory directory("fluxo-eos");
    const std::filesystem::path snapshot = directory.path().string() + "-snapshot";
    EngineFixture f;
    {
      Engine first(f.topics);
      first.SetLogSkippedRecords(false);
      first.ExecuteScript(Script(directory));
      f.Produce("trades", R"("X")", R"({"SHARES":10})", 100);
      f.Produce("trades", R"("Y")", R"({"SHARES":1})", 200);
      first.RunUntilIdle();
    }
    // The state as it was after the first commit...
    std::filesystem::copy(directory.path(), snapshot, std::filesystem::copy_options::recursive);
    {
      Engine second(f.topics);
      second.SetLogSkippedRecords(false);
      second.ExecuteScript(Script(directory));
      f.Produce("trades", R"("X")", R"({"SHARES":5})", 300);
      second.RunUntilIdle();
    }
    // ...comes back, as if the second run crashed between its Kafka commit and its RocksDB
    // write: the local offsets (2) are behind the committed transaction's (3).
    std::filesystem::remove_all(directory.path());
    std::filesystem::rename(snapshot, directory.path());

    f.engine.ExecuteScript(Script(directory));
    f.Produce("trades", R"("X")", R"({"SHARES":2})", 400);
    f.engine.RunUntilIdle();
    // Rebuilt from the changelogs: X goes on from 15, and X:5 is not read a second time.
    CHECK(Volume(f) == std::vector<std::string>{R"("X"|{"SHARES":10,"TRADES":1})",
                                                R"("Y"|{"SHARES":1,"TRADES":1})",
                                                R"("X"|{"SHARES":15,"TRADES":2})",
                                                R"("X"|{"SHARES":17,"TRADES":3})"});
  }

  TEST_CASE("exactly_once_v2 needs state.dir, and processing.guarantee is checked") {
    EngineFixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM trades (symbol STRING KEY, shares INT) "
        "WITH (kafka_topic='trades', format='JSON', partitions=1);");
    CHECK(f.ErrorOf("SET 'processing.guarantee'='exactly_once_v2';"
                    "CREATE TABLE volume AS SELECT symbol, COUNT(*) AS n FROM trades "
                    "GROUP BY symbol;")
              .find("exactly_once_v2 needs the query's state on disk") != std::string::npos);
    CHECK(f.ErrorOf("SET 'processing.guarantee'='exactly_twice';"
                    "CREATE TABLE volume AS SELECT symbol, COUNT(*) AS n FROM trades "
                    "GROUP BY symbol;")
              .find("Invalid value for processing.guarantee: 'exactly_twice'") !=
          std::string::npos);
  }
}

}  // namespace fluxo::engine
