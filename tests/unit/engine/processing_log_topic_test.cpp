// The processing log topic: each skipped record is also a JSON record on
// `<service.id>_processing_log`, with its topic, partition, offset and reason.

#include "runtime/engine/processing_log_topic.h"

#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

TEST_SUITE("engine") {
  TEST_CASE("skipped records go to the processing log topic as well") {
    testing::EngineFixture f;
    f.engine.ExecuteScript("SET 'service.id'='payments';");
    f.engine.AttachProcessingLogTopic();
    f.engine.ExecuteScript(
        "CREATE STREAM s (id INT KEY, amount INT) WITH (kafka_topic='s', format='JSON', "
        "partitions=1);"
        "CREATE STREAM t AS SELECT * FROM s;");
    f.Produce("s", "1", R"({"AMOUNT":10})");
    f.Produce("s", "2", "{not json");
    f.Produce("s", "3", R"({"AMOUNT":30})");
    f.engine.RunUntilIdle();

    CHECK(f.Read("T").size() == 2);
    const std::string topic = ProcessingLogTopic::TopicName("payments");
    CHECK(topic == "payments_processing_log");
    const auto records = f.Read(topic);
    REQUIRE(records.size() == 1);
    CHECK(records[0].key == "CSAS_T_0");
    const nlohmann::json entry = nlohmann::json::parse(records[0].value.value());
    CHECK(entry["level"] == "ERROR");
    CHECK(entry["logger"] == "processing.CSAS_T_0");
    CHECK(entry["message"]["topic"] == "s");
    CHECK(entry["message"]["partition"] == 0);
    CHECK(entry["message"]["offset"] == 1);
    CHECK(entry["message"]["errorMessage"].get<std::string>().find("JSON") != std::string::npos);
    // The record's payload stays out of the log.
    CHECK(records[0].value->find("not json") == std::string::npos);
  }
}

}  // namespace fluxo::engine
