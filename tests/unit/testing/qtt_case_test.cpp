#include "runtime/testing/qtt_case.h"

#include <stdexcept>

#include <doctest/doctest.h>

namespace fluxo::qtt {

TEST_CASE("entries expand over format x config with substitutions") {
  const std::vector<QttCase> cases = ParseQttCases("select.json", R"({
    // Comments are allowed.
    "tests": [
      {"name": "off", "enabled": false, "statements": ["X"], "outputs": []},
      {"name": "star", "format": ["JSON", "AVRO"], "config": ["true", "false"],
       "properties": {"ksql.new.query.planner.enabled": "{CONFIG}", "other": 3},
       "statements": ["CREATE STREAM S (K INT KEY) WITH (kafka_topic='t', value_format='{FORMAT}');"],
       "inputs": [{"topic": "t", "key": 1, "value": {"A": 1.10}, "timestamp": 5}],
       "outputs": [{"topic": "OUT", "value": null, "window": {"start": 0, "end": 10, "type": "Time"}}]}
    ]})");
  REQUIRE(cases.size() == 4);
  CHECK(cases[0].name == "select - star - JSON - ksql.new.query.planner.enabled=true");
  CHECK(cases[1].name == "select - star - JSON - ksql.new.query.planner.enabled=false");
  CHECK(cases[2].name == "select - star - AVRO - ksql.new.query.planner.enabled=true");
  CHECK(cases[0].file == "select.json");
  CHECK(cases[0].statements[0] ==
        "CREATE STREAM S (K INT KEY) WITH (kafka_topic='t', value_format='JSON');");
  CHECK(cases[0].properties == std::vector<std::pair<std::string, std::string>>{
                                   {"ksql.new.query.planner.enabled", "true"}, {"other", "3"}});
  CHECK(cases[1].properties[0].second == "false");
  CHECK(cases[0].skip_reason.empty());
  CHECK(cases[2].skip_reason.find("AVRO") != std::string::npos);
  const QttRecord& input = cases[0].inputs.at(0);
  CHECK(input.topic == "t");
  CHECK(input.key == 1);
  CHECK(RenderJson(input.value) == R"({"A":1.10})");
  CHECK(input.timestamp == 5);
  const QttRecord& output = cases[0].outputs.at(0);
  CHECK(output.key.is_null());
  CHECK(output.value.is_null());
  CHECK_FALSE(output.timestamp);
  CHECK(output.window == QttWindow{0, 10, "time"});
  CHECK_FALSE(output.headers);
  CHECK_FALSE(cases[0].expected_exception);
}

TEST_CASE("entries without format or config give one case named after the entry") {
  const std::vector<QttCase> cases = ParseQttCases("a.json", R"({"tests": [
      {"name": "neg", "statements": ["CREATE STREAM {FORMAT};"],
       "topics": [{"name": "t", "partitions": 4}],
       "expectedException": {"type": "io.confluent.ksql.util.KsqlStatementException",
                             "message": "boom"},
       "post": {"sources": []}}]})");
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].name == "a - neg");
  CHECK(cases[0].statements[0] == "CREATE STREAM {FORMAT};");  // No format list: untouched.
  REQUIRE(cases[0].expected_exception);
  CHECK(cases[0].expected_exception->message == "boom");
  CHECK(cases[0].topics.at(0).partitions == 4);
  CHECK(cases[0].post.is_object());
}

TEST_CASE("CaseFormats follows tools/qtt_stats.py") {
  const Json entry = ParseExactJson(R"({
      "statements": ["CREATE STREAM S WITH (KEY_FORMAT = 'kafka', value_format='{FORMAT}', FORMAT='DELIMITED');"],
      "properties": {"ksql.persistence.default.format.value": "JSON_SR"},
      "topics": [{"name": "t", "valueFormat": "{FORMAT}", "valueSchema": {"type": "int"}}]})");
  CHECK(
      CaseFormats(entry, "PROTOBUF") ==
      std::vector<std::string>{"<registered schema>", "DELIMITED", "JSON_SR", "KAFKA", "PROTOBUF"});
  const std::vector<QttCase> cases = ParseQttCases(
      "b.json",
      R"({"tests": [{"name": "x", "statements": ["CREATE STREAM S WITH (format='NONE');"],
                     "topics": [{"name": "t", "keySchema": "x"}], "inputs": []}]})");
  CHECK(cases.at(0).skip_reason.find("registry") != std::string::npos);
}

TEST_CASE("ParseQttCases rejects malformed files") {
  CHECK_THROWS_AS(ParseQttCases("c.json", "{}"), std::invalid_argument);
  CHECK_THROWS_AS(ParseQttCases("c.json", "{\"tests\": [}"), std::invalid_argument);
  CHECK_THROWS_AS(ParseQttCases("c.json", R"({"tests": [{"name": "x", "statements": [],
      "inputs": [{"key": 1}]}]})"),
                  std::invalid_argument);
}

TEST_CASE("LoadQttFile reports a missing file instead of throwing") {
  const QttFile file = LoadQttFile("/nonexistent/qtt.json");
  CHECK_FALSE(file.load_error.empty());
  CHECK(file.cases.empty());
  CHECK_THROWS_AS(CollectQttFiles({"/nonexistent/qtt"}), std::invalid_argument);
}

}  // namespace fluxo::qtt
