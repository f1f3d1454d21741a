// Flink's 'scan.startup.mode' on a Kafka table: where the queries reading it start, whatever
// auto.offset.reset says; unsupported modes are refused with the property's position.

#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

std::string CreateClicks(const std::string& mode) {
  return "CREATE TABLE clicks (url STRING, ts BIGINT) WITH ('connector' = 'kafka', "
         "'topic' = 'clicks', 'format' = 'json', 'scan.startup.mode' = '" +
         mode + "');";
}

// Runs a copy of clicks into CLICKS_COPY after one click already in the topic, then one more
// click; returns how many the copy holds.
size_t CopiedClicks(EngineFixture& fixture) {
  fixture.Produce("clicks", std::nullopt, R"({"url":"/before","ts":1})", 1);
  fixture.Run("CREATE STREAM clicks_copy AS SELECT * FROM clicks;");
  fixture.engine.RunUntilIdle();
  fixture.Produce("clicks", std::nullopt, R"({"url":"/after","ts":2})", 2);
  fixture.engine.RunUntilIdle();
  return fixture.Read("CLICKS_COPY").size();
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("'scan.startup.mode'='earliest-offset' reads from the start despite latest") {
    EngineFixture fixture;
    fixture.topics->CreateTopic("clicks", 1);
    fixture.Run("SET 'auto.offset.reset' = 'latest';");
    fixture.Run(CreateClicks("earliest-offset"));
    CHECK(CopiedClicks(fixture) == 2);
  }

  TEST_CASE("'scan.startup.mode'='latest-offset' reads only new records despite earliest") {
    EngineFixture fixture;
    fixture.topics->CreateTopic("clicks", 1);
    fixture.Run("SET 'auto.offset.reset' = 'earliest';");
    fixture.Run(CreateClicks("latest-offset"));
    CHECK(CopiedClicks(fixture) == 1);
  }

  TEST_CASE("'scan.startup.mode'='group-offsets' leaves it to auto.offset.reset") {
    EngineFixture fixture;
    fixture.topics->CreateTopic("clicks", 1);
    fixture.Run("SET 'auto.offset.reset' = 'latest';");
    fixture.Run(CreateClicks("group-offsets"));
    CHECK(CopiedClicks(fixture) == 1);
  }

  TEST_CASE("an unsupported 'scan.startup.mode' is refused and creates nothing") {
    EngineFixture fixture;
    fixture.topics->CreateTopic("clicks", 1);
    const std::string error = fixture.ErrorOf(CreateClicks("timestamp"));
    CHECK(error.find("Unsupported 'scan.startup.mode' 'timestamp'") != std::string::npos);
    CHECK(error.starts_with("line 1:"));
    CHECK(fixture.engine.catalog().FindSource("CLICKS") == nullptr);
  }
}

}  // namespace fluxo::engine
