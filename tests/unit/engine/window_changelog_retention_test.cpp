// A window store's changelog topic is compacted and deleted after the store's retention plus a
// day (Kafka Streams' windowstore.changelog.additional.retention.ms), so that windows the
// store dropped leave the topic too; key-value stores' changelogs are compacted only.

#include <map>
#include <string>

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "runtime/engine/changelog.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

/// Every changelog topic of `query_id` with its configs.
std::map<std::string, runtime::TopicConfig> ChangelogConfigs(EngineFixture& f,
                                                             const std::string& query_id) {
  std::map<std::string, runtime::TopicConfig> configs;
  for (const std::string& topic : f.topics->ListTopics()) {
    if (topic.starts_with("fluxo-" + query_id + "-") && topic.ends_with("-changelog")) {
      configs[topic] = f.topics->ConfigOf(topic);
    }
  }
  return configs;
}

runtime::TopicConfig Deleted(int64_t retention_ms) {
  return {{"cleanup.policy", "compact,delete"}, {"retention.ms", std::to_string(retention_ms)}};
}

const runtime::TopicConfig kCompacted = {{"cleanup.policy", "compact"}};

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("window stores' changelogs are deleted after the store's retention plus a day") {
    const TemporaryDirectory directory;
    EngineFixture f;
    f.engine.ExecuteScript(
        "SET 'state.dir'='" + directory.path().string() +
        "';"
        "CREATE STREAM trades (symbol STRING KEY, shares INT) "
        "WITH (kafka_topic='trades', format='JSON', partitions=1);"
        "CREATE STREAM quotes (symbol STRING KEY, price INT) "
        "WITH (kafka_topic='quotes', format='JSON', partitions=1);"
        "CREATE TABLE per_minute AS SELECT symbol, COUNT(*) AS n FROM trades "
        "WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 2 HOURS, GRACE PERIOD 10 SECONDS) "
        "GROUP BY symbol;"
        "CREATE TABLE per_hour AS SELECT symbol, COUNT(*) AS n FROM trades "
        "WINDOW TUMBLING (SIZE 1 HOUR, GRACE PERIOD 5 MINUTES) GROUP BY symbol;"
        "CREATE TABLE totals AS SELECT symbol, SUM(shares) AS total FROM trades "
        "GROUP BY symbol;"
        "CREATE STREAM priced AS SELECT t.symbol, t.shares, q.price FROM trades t "
        "JOIN quotes q WITHIN 5 MINUTES GRACE PERIOD 1 MINUTE ON t.symbol = q.symbol;");
    f.Produce("trades", R"("X")", R"({"SHARES":10})", 1000);
    f.Produce("quotes", R"("X")", R"({"PRICE":7})", 2000);
    f.engine.RunUntilIdle();

    // RETENTION written: 2 h; without it, size + grace; a stream-stream join's buffers keep
    // before + after + grace (11 minutes). The key-value stores (the join's stream times, a
    // non-windowed aggregation) and the offsets are compacted only. A GROUP BY's table keeps no
    // rows of its own (pull queries read the aggregation's store), so its windows expire too.
    const auto store = [](const std::string& query, const std::string& name) {
      return Changelog::StoreTopic("fluxo", query, query + "." + name);
    };
    const auto offsets = [](const std::string& query) {
      return Changelog::OffsetsTopic("fluxo", query);
    };
    using Configs = std::map<std::string, runtime::TopicConfig>;
    CHECK(ChangelogConfigs(f, "CTAS_PER_MINUTE_0") ==
          Configs{{store("CTAS_PER_MINUTE_0", "Aggregate.Materialize"),
                   Deleted(2 * 60 * 60 * 1000 + kDayMs)},
                  {offsets("CTAS_PER_MINUTE_0"), kCompacted}});
    CHECK(ChangelogConfigs(f, "CTAS_PER_HOUR_1") ==
          Configs{
              {store("CTAS_PER_HOUR_1", "Aggregate.Materialize"), Deleted(65 * 60 * 1000 + kDayMs)},
              {offsets("CTAS_PER_HOUR_1"), kCompacted}});
    CHECK(ChangelogConfigs(f, "CTAS_TOTALS_2") ==
          Configs{{store("CTAS_TOTALS_2", "Aggregate.Materialize"), kCompacted},
                  {offsets("CTAS_TOTALS_2"), kCompacted}});
    CHECK(ChangelogConfigs(f, "CSAS_PRICED_3") ==
          Configs{{store("CSAS_PRICED_3", "Join.Left"), Deleted(11 * 60 * 1000 + kDayMs)},
                  {store("CSAS_PRICED_3", "Join.Right"), Deleted(11 * 60 * 1000 + kDayMs)},
                  {store("CSAS_PRICED_3", "Join.Times"), kCompacted},
                  {offsets("CSAS_PRICED_3"), kCompacted}});
  }
}

}  // namespace fluxo::engine
