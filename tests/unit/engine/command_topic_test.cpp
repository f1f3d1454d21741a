// The command topic: accepted DDL and persistent queries are recorded, and a new engine of the
// same service replays them (streams, tables and queries come back; state resumes).

#include "runtime/engine/command_topic.h"

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/engine/changelog.h"
#include "runtime/engine/processing_log_topic.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;
using testing::Rows;

std::filesystem::path FreshDirectory() {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("fluxo-command-topic-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(path);
  return path;
}

std::vector<std::string> Values(EngineFixture& f, const std::string& topic) {
  std::vector<std::string> values;
  for (const runtime::TopicRecord& record : f.Read(topic)) {
    values.push_back(record.value.value_or("<null>"));
  }
  return values;
}

// Copies every topic of `from` into `to` with its configs, as a broker would have kept it: a
// topic created with cleanup.policy=compact keeps only the last record of each key (where that
// record was, so the survivors keep their order), every other topic keeps all its records.
// Returns the number of records compaction removed.
size_t CopyCompacted(runtime::InMemoryTopicClient& from, runtime::InMemoryTopicClient& to) {
  size_t removed = 0;
  for (const std::string& topic : from.ListTopics()) {
    const runtime::TopicConfig config = from.ConfigOf(topic);
    const int32_t partitions = from.PartitionCount(topic);
    to.CreateTopic(topic, partitions, config);
    const auto policy = config.find("cleanup.policy");
    const bool compact = policy != config.end() && policy->second == "compact";
    for (int32_t partition = 0; partition < partitions; ++partition) {
      const std::vector<runtime::TopicRecord> records = from.Fetch(topic, partition, 0, 1000000);
      std::map<std::optional<std::string>, size_t> last;  // Key -> index of its last record.
      for (size_t index = 0; index < records.size(); ++index) {
        last[records[index].key] = index;
      }
      for (size_t index = 0; index < records.size(); ++index) {
        if (compact && last.at(records[index].key) != index) {
          ++removed;
          continue;
        }
        runtime::TopicRecord copy = records[index];
        copy.partition = partition;
        copy.offset = -1;
        to.Produce(topic, std::move(copy));
      }
    }
  }
  return removed;
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("service topics are created with their configs; compacted changelogs restore state") {
    const std::filesystem::path first_dir = FreshDirectory();
    const std::filesystem::path second_dir = FreshDirectory();
    EngineFixture before;
    {
      Engine first(before.topics, {{"state.dir", first_dir.string()}, {"service.id", "orders"}});
      first.SetLogSkippedRecords(false);
      first.AttachCommandTopic();
      first.AttachProcessingLogTopic();
      first.ExecuteScript(
          "CREATE STREAM trades (symbol STRING KEY, shares INT) "
          "WITH (kafka_topic='trades', format='JSON', partitions=1);"
          "SET 'auto.offset.reset'='earliest';"
          "CREATE TABLE volume AS SELECT symbol, COUNT(*) AS trades, SUM(shares) AS total "
          "FROM trades GROUP BY symbol;");
      // One commit per record: the changelogs get a record per commit for the same keys.
      for (const auto& [symbol, shares] : {std::pair{"X", "1"}, {"Y", "5"}, {"X", "2"}}) {
        before.Produce("trades",
                       std::string("\"") + symbol + "\"",
                       std::string(R"({"SHARES":)") + shares + "}");
        first.RunUntilIdle();
      }
    }
    const runtime::TopicConfig compact = {{"cleanup.policy", "compact"}};
    CHECK(before.topics->ConfigOf(CommandTopic::TopicName("orders")) ==
          runtime::TopicConfig{{"cleanup.policy", "delete"}, {"retention.ms", "-1"}});
    CHECK(before.topics->TopicExists(ProcessingLogTopic::TopicName("orders")));
    CHECK(before.topics->ConfigOf(ProcessingLogTopic::TopicName("orders")).empty());
    CHECK(before.topics->ConfigOf("trades").empty());
    CHECK(before.topics->ConfigOf("VOLUME").empty());
    size_t changelogs = 0;
    for (const std::string& topic : before.topics->ListTopics()) {
      if (topic.ends_with("-changelog")) {
        CHECK_MESSAGE(before.topics->ConfigOf(topic) == compact, topic);
        ++changelogs;
      }
    }
    CHECK(changelogs >= 2);  // A store's and the offsets'.
    CHECK(before.topics->ConfigOf(Changelog::OffsetsTopic("orders", "CTAS_VOLUME_0")) == compact);

    // A new machine (an empty state.dir) on a broker that has compacted the changelogs: the
    // query rebuilds its state from what compaction kept and resumes after the last commit.
    EngineFixture after;
    CHECK(CopyCompacted(*before.topics, *after.topics) > 0);
    after.Produce("trades", R"("X")", R"({"SHARES":4})");
    {
      Engine second(after.topics, {{"state.dir", second_dir.string()}, {"service.id", "orders"}});
      second.SetLogSkippedRecords(false);
      CHECK(second.AttachCommandTopic() == 2);
      second.RunUntilIdle();
    }
    const std::vector<std::string> volume = Values(after, "VOLUME");
    REQUIRE(volume.size() == 4);  // The three copied, and one for the new record only.
    CHECK(volume.back() == R"({"TRADES":3,"TOTAL":7})");

    std::error_code ignored;
    std::filesystem::remove_all(first_dir, ignored);
    std::filesystem::remove_all(second_dir, ignored);
  }

  TEST_CASE("a restarted engine replays the command topic and its queries resume") {
    const std::filesystem::path state_dir = FreshDirectory();
    const std::map<std::string, std::string> config = {{"state.dir", state_dir.string()},
                                                       {"service.id", "orders"}};
    EngineFixture second;  // Its topics are the "broker" both engines share.
    {
      Engine first(second.topics, config);
      first.SetLogSkippedRecords(false);
      CHECK(first.AttachCommandTopic() == 0);
      first.ExecuteScript(
          "CREATE STREAM trades (symbol STRING KEY, shares INT) "
          "WITH (kafka_topic='trades', format='JSON', partitions=1);"
          "SET 'auto.offset.reset'='earliest';"
          "CREATE TABLE volume AS SELECT symbol, COUNT(*) AS trades FROM trades GROUP BY symbol;"
          "INSERT INTO trades (symbol, shares) VALUES ('X', 1);"
          "SHOW QUERIES;");
      first.RunUntilIdle();
    }
    // Only the CREATE statements were recorded, each with the properties it ran with.
    const std::vector<Command> commands = CommandTopic(*second.topics, "orders").ReadAll();
    REQUIRE(commands.size() == 2);
    CHECK(commands[0].statement.starts_with("CREATE STREAM TRADES"));
    CHECK(commands[1].statement.starts_with("CREATE TABLE VOLUME"));
    CHECK(commands[1].properties.at("auto.offset.reset") == "earliest");
    CHECK(commands[0].properties.count("auto.offset.reset") == 0);

    second.Produce("trades", R"("X")", R"({"SHARES":2})", 10);
    Engine restarted(second.topics, config);
    restarted.SetLogSkippedRecords(false);
    CHECK(restarted.AttachCommandTopic() == 2);
    CHECK(restarted.catalog().FindSource("TRADES") != nullptr);
    CHECK(restarted.catalog().FindSource("VOLUME") != nullptr);
    restarted.RunUntilIdle();
    // The count continues from the state the first engine committed: 1, then 2.
    CHECK(Values(second, "VOLUME") ==
          std::vector<std::string>{R"({"TRADES":1})", R"({"TRADES":2})"});
    // New statements are recorded after the replayed ones.
    restarted.ExecuteScript("TERMINATE CTAS_VOLUME_0;");
    CHECK(CommandTopic(*second.topics, "orders").ReadAll().size() == 3);

    std::error_code ignored;
    std::filesystem::remove_all(state_dir, ignored);
  }

  TEST_CASE("the command topic records session overrides only, never the configuration") {
    EngineFixture f;
    const std::map<std::string, std::string> config = {
        {"ksql.service.id", "payments"},  // ksqlDB's name for service.id.
        {"kafka.sasl.password", "hunter2"},
        {"commit.interval.ms", "500"}};
    Engine engine(f.topics, config);
    engine.AttachCommandTopic();
    engine.ExecuteScript(
        "SET 'commit.interval.ms'='900';"
        "SET 'auto.offset.reset'='earliest';"
        "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', format='JSON', partitions=1);");
    const std::vector<Command> commands = CommandTopic(*f.topics, "payments").ReadAll();
    REQUIRE(commands.size() == 1);
    CHECK(commands[0].properties ==
          std::map<std::string, std::string>{{"auto.offset.reset", "earliest"},
                                             {"commit.interval.ms", "900"}});
    for (const runtime::TopicRecord& record : f.Read(CommandTopic::TopicName("payments"))) {
      CHECK(record.value.value_or("").find("hunter2") == std::string::npos);
    }
  }

  TEST_CASE("SHOW PROPERTIES hides credentials") {
    EngineFixture f;
    Engine engine(f.topics,
                  {{"kafka.sasl.password", "hunter2"},
                   {"kafka.sasl.jaas.config", "org.apache.kafka... password=\"x\";"},
                   {"webhook.secret.PAYMENTS", "s3cr3t"},
                   {"bootstrap.servers", "broker:9092"}});
    engine.ExecuteScript("SET 'ssl.key.password'='k3y';");
    const StatementResult shown = engine.ExecuteScript("SHOW PROPERTIES;").at(0);
    std::map<std::string, std::string> values;
    for (const auto& row : shown.rows) {
      values[row.at(0)] = row.at(1);
    }
    CHECK(values.at("bootstrap.servers") == "broker:9092");
    CHECK(values.at("kafka.sasl.password") == "[hidden]");
    CHECK(values.at("kafka.sasl.jaas.config") == "[hidden]");
    CHECK(values.at("webhook.secret.PAYMENTS") == "[hidden]");
    CHECK(values.at("ssl.key.password") == "[hidden]");
  }

  TEST_CASE("a terminated query stays terminated after a replay") {
    EngineFixture f;
    Engine first(f.topics);
    first.AttachCommandTopic();
    first.ExecuteScript(
        "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', format='JSON', partitions=1);"
        "CREATE STREAM t AS SELECT * FROM s;"
        "TERMINATE CSAS_T_0;");
    Engine second(f.topics);
    CHECK(second.AttachCommandTopic() == 3);
    const std::vector<StatementResult> shown = second.ExecuteScript("SHOW QUERIES;");
    CHECK(shown.at(0).rows.empty());
  }

  TEST_CASE("persistent query ids count only started persistent queries, so replays match") {
    EngineFixture f;
    f.Run(
        "CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', format='JSON', "
        "partitions=1);");
    CHECK(f.Run("CREATE STREAM a AS SELECT * FROM s;").query_id == "CSAS_A_0");
    CHECK(f.Run("SELECT * FROM s EMIT CHANGES;").query_id == "transient_0");
    CHECK(f.ErrorOf("CREATE STREAM b WITH (kafka_topic='s') AS SELECT * FROM s;") != "no error");
    CHECK(f.Run("CREATE STREAM c AS SELECT * FROM s;").query_id == "CSAS_C_1");
  }

  TEST_CASE("a command topic record that is not a command is an error naming its offset") {
    EngineFixture f;
    f.topics->CreateTopic(CommandTopic::TopicName("fluxo"), 1);
    f.Produce(CommandTopic::TopicName("fluxo"), std::nullopt, "not json");
    Engine engine(f.topics);
    try {
      engine.AttachCommandTopic();
      FAIL("expected an error");
    } catch (const Error& error) {
      CHECK(std::string(error.what()).find("at offset 0") != std::string::npos);
    }
  }
  TEST_CASE("servers with one service id follow each other's commands") {
    EngineFixture broker;  // Its topics are the broker both engines share.
    const std::map<std::string, std::string> config = {{"service.id", "shared"}};
    Engine first(broker.topics, config);
    Engine second(broker.topics, config);
    first.AttachCommandTopic();
    second.AttachCommandTopic();
    CHECK(second.FollowCommandTopic() == 0);

    first.ExecuteScript(
        "CREATE STREAM clicks (id INT KEY, page STRING) "
        "WITH (kafka_topic='clicks', format='JSON', partitions=1);"
        "SET 'auto.offset.reset'='earliest';"
        "CREATE STREAM home AS SELECT * FROM clicks WHERE page = 'home';");
    CHECK(second.catalog().FindSource("HOME") == nullptr);
    CHECK(second.FollowCommandTopic() == 2);
    CHECK(second.catalog().FindSource("CLICKS") != nullptr);
    CHECK(second.catalog().FindSource("HOME") != nullptr);
    CHECK(second.FollowCommandTopic() == 0);  // Each command once.
    // The follower ran them as a replay: it recorded nothing itself.
    CHECK(CommandTopic(*broker.topics, "shared").ReadAll().size() == 2);

    CHECK(first.CollectQueryMetrics().size() == 1);
    second.ExecuteScript("TERMINATE CSAS_HOME_0;");
    CHECK(first.FollowCommandTopic() == 1);  // The other way round too ...
    CHECK(first.CollectQueryMetrics().empty());
    CHECK(second.FollowCommandTopic() == 0);  // ... and never one's own.
    CHECK(CommandTopic(*broker.topics, "shared").ReadAll().size() == 3);
  }
}

}  // namespace fluxo::engine
