// The engine end to end on in-memory topics: DDL, persistent stateless queries, INSERT VALUES,
// SHOW / DESCRIBE / EXPLAIN, and bad records.

#include "runtime/engine/engine.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/topic/in_memory_topic_client.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using Fixture = testing::EngineFixture;

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("a filter and projection from JSON to JSON, keys kept, timestamps carried") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM trades (id STRING KEY, symbol STRING, shares INT, price DOUBLE) "
        "WITH (kafka_topic='trades', value_format='JSON', partitions=1);"
        "CREATE STREAM big AS SELECT id, symbol, shares * price AS notional FROM trades "
        "WHERE shares * price > 1000 EMIT CHANGES;");
    f.Produce("trades", "t1", R"({"SYMBOL":"PETR4","SHARES":100,"PRICE":30.5})", 10);
    f.Produce("trades", "t2", R"({"symbol":"VALE3","shares":1,"price":60.0})", 20);
    f.Produce("trades", "t3", R"({"SYMBOL":"ITUB4","SHARES":50,"PRICE":25.0})", 30);
    CHECK(f.engine.RunUntilIdle() == 3);
    const auto output = f.Read("BIG");
    REQUIRE(output.size() == 2);
    CHECK(output[0].key == "t1");
    CHECK(output[0].value == R"({"SYMBOL":"PETR4","NOTIONAL":3050.0})");
    CHECK(output[0].timestamp == 10);
    CHECK(output[1].key == "t3");
    CHECK(output[1].timestamp == 30);
    CHECK(f.engine.catalog().FindSource("BIG") != nullptr);
  }

  TEST_CASE(
      "a stream with 10% malformed JSON: good records arrive in order, bad ones are "
      "counted and logged with their offsets") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM events (n INT) WITH (kafka_topic='events', value_format='JSON', "
        "partitions=1);"
        "CREATE STREAM copy AS SELECT n FROM events;");
    std::vector<int64_t> bad_offsets;
    for (int i = 0; i < 100; ++i) {
      if (i % 10 == 7) {
        f.Produce("events", std::nullopt, "{\"N\": " + std::to_string(i) + ",", i);  // Truncated.
        bad_offsets.push_back(i);
      } else {
        f.Produce("events", std::nullopt, "{\"N\": " + std::to_string(i) + "}", i);
      }
    }
    f.engine.RunUntilIdle();
    const auto output = f.Read("COPY");
    REQUIRE(output.size() == 90);
    int expected = 0;
    for (const auto& record : output) {
      if (expected % 10 == 7) {
        ++expected;
      }
      CHECK(record.value == "{\"N\":" + std::to_string(expected) + "}");
      ++expected;
    }
    const auto entries = f.engine.processing_log().Entries();
    REQUIRE(entries.size() == 10);
    for (size_t i = 0; i < entries.size(); ++i) {
      CHECK(entries[i].topic == "events");
      CHECK(entries[i].offset == bad_offsets[i]);
      CHECK(entries[i].reason.find("cannot deserialize") != std::string::npos);
    }
    CHECK(f.engine.processing_log().SkippedBy(entries[0].query_id) == 10);
  }

  TEST_CASE("an expression that fails gives NULL, and the failure is logged; the query goes on") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM s (a INT, b INT) WITH (kafka_topic='s', value_format='JSON', partitions=1);"
        "CREATE STREAM q AS SELECT a / b AS r, a FROM s;");
    f.Produce("s", std::nullopt, R"({"A":6,"B":3})");
    f.Produce("s", std::nullopt, R"({"A":1,"B":0})");
    f.Produce("s", std::nullopt, R"({"A":8,"B":4})");
    f.engine.RunUntilIdle();
    const auto output = f.Read("Q");
    REQUIRE(output.size() == 3);
    CHECK(output[0].value == R"({"R":2,"A":6})");
    CHECK(output[1].value == R"({"R":null,"A":1})");
    CHECK(output[2].value == R"({"R":2,"A":8})");
    REQUIRE(f.engine.processing_log().Entries().size() == 1);
    CHECK(f.engine.processing_log().Entries()[0].offset == 1);
    CHECK(f.engine.processing_log().Entries()[0].reason.find("/ by zero") != std::string::npos);
  }

  TEST_CASE("PARTITION BY re-keys; null values pass through projections") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM s (id INT KEY, name STRING) WITH (kafka_topic='s', format='JSON', "
        "partitions=1);"
        "CREATE STREAM by_name AS SELECT name, id FROM s PARTITION BY name;"
        "CREATE STREAM copy AS SELECT * FROM s;");
    f.Produce("s", "1", R"({"NAME":"a"})");
    f.Produce("s", "2", std::nullopt);
    f.engine.RunUntilIdle();
    const auto by_name = f.Read("BY_NAME");
    REQUIRE(by_name.size() == 2);
    CHECK(by_name[0].key == "\"a\"");
    CHECK(by_name[0].value == R"({"ID":1})");
    CHECK_FALSE(by_name[1].key.has_value());
    CHECK_FALSE(by_name[1].value.has_value());
    const auto copy = f.Read("COPY");
    REQUIRE(copy.size() == 2);
    CHECK(copy[1].key == "2");
    CHECK_FALSE(copy[1].value.has_value());
  }

  TEST_CASE("INSERT INTO ... VALUES and INSERT INTO ... SELECT") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM a (id INT KEY, v STRING) WITH (kafka_topic='a', format='JSON', "
        "partitions=1);"
        "CREATE STREAM b (id INT KEY, v STRING) WITH (kafka_topic='b', format='JSON', "
        "partitions=1);"
        "INSERT INTO b SELECT * FROM a;"
        "INSERT INTO a (id, v, ROWTIME) VALUES (5, 'five', 123);");
    f.engine.RunUntilIdle();
    const auto output = f.Read("b");
    REQUIRE(output.size() == 1);
    CHECK(output[0].key == "5");
    CHECK(output[0].value == R"({"V":"five"})");
    CHECK(output[0].timestamp == 123);
  }

  TEST_CASE("INSERT INTO ... VALUES refuses read-only sources, with a position") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE SOURCE STREAM ro (id INT KEY, v STRING) WITH (kafka_topic='ro', format='JSON', "
        "partitions=1);");
    CHECK(f.ErrorOf("INSERT INTO ro (id, v) VALUES (1, 'x');") ==
          "line 1:13: Cannot insert values into read-only stream: RO");
    CHECK(f.Read("ro").empty());
    CHECK(f.ErrorOf("INSERT INTO nope (id) VALUES (1);") ==
          "line 1:13: Cannot insert values into an unknown stream/table: `NOPE`");
  }

  TEST_CASE("SHOW FUNCTIONS and DESCRIBE FUNCTION include the aggregates") {
    Fixture f;
    const auto results =
        f.engine.ExecuteScript("SHOW FUNCTIONS; DESCRIBE FUNCTION count; DESCRIBE FUNCTION ucase;");
    REQUIRE(results.size() == 3);
    std::vector<std::string> names;
    bool count_is_aggregate = false;
    for (const auto& row : results[0].rows) {
      names.push_back(row.at(0));
      count_is_aggregate =
          count_is_aggregate || (row == std::vector<std::string>{"COUNT", "AGGREGATE"});
    }
    CHECK(count_is_aggregate);
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::find(names.begin(), names.end(), "UCASE") != names.end());
    CHECK(results[1].rows.at(0).at(0) == "COUNT");
    CHECK(results[1].rows.at(0).at(1) == "AGGREGATE");
    CHECK(results[2].rows.at(0).at(0) == "UCASE");
  }

  TEST_CASE("statements that fail change nothing and say why, with a position") {
    Fixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM s (id INT KEY, price DOUBLE) WITH (kafka_topic='s', format='JSON', "
        "partitions=1);");
    CHECK(f.ErrorOf("CREATE STREAM o AS SELECT id, pricee FROM s;") ==
          "line 1:31: SELECT column 'PRICEE' cannot be resolved. Did you mean 'PRICE'?");
    CHECK(f.engine.catalog().FindSource("O") == nullptr);
    CHECK(f.ErrorOf("CREATE STREAM o AS SELECT price FROM s;")
              .starts_with("line 1:20: Key missing from projection"));
    CHECK(f.ErrorOf("CREATE STREAM o AS SELECT id FROM nope;") ==
          "line 1:35: NOPE does not exist.");
    CHECK(f.ErrorOf("CREATE STREAM t (a INT) WITH (kafka_topic='missing', format='JSON');")
              .starts_with("line 1:15: Topic 'missing' does not exist."));
    CHECK(f.engine.catalog().FindSource("T") == nullptr);
  }

  TEST_CASE("SHOW, DESCRIBE and EXPLAIN answer as tables") {
    Fixture f;
    auto results = f.engine.ExecuteScript(
        "CREATE STREAM s (id INT KEY, price DOUBLE) WITH (kafka_topic='s', format='JSON', "
        "partitions=2);"
        "CREATE STREAM o AS SELECT id, price * 2 AS twice FROM s WHERE price > 1;"
        "SHOW STREAMS; SHOW TOPICS; SHOW QUERIES; DESCRIBE o; EXPLAIN CSAS_O_0;");
    REQUIRE(results.size() == 7);
    CHECK(results[0].message == "Stream created");
    CHECK(results[1].query_id == "CSAS_O_0");
    CHECK(results[2].rows ==
          std::vector<std::vector<std::string>>{{"O", "O", "JSON", "JSON", "false"},
                                                {"S", "s", "JSON", "JSON", "false"}});
    CHECK(results[3].rows == std::vector<std::vector<std::string>>{{"O", "2"}, {"s", "2"}});
    CHECK(results[4].rows[0][0] == "CSAS_O_0");
    CHECK(results[5].rows ==
          std::vector<std::vector<std::string>>{{"ID", "INTEGER (key)"}, {"TWICE", "DOUBLE"}});
    REQUIRE(results[6].rows.size() == 4);
    CHECK(results[6].rows[0][0].find("SINK") != std::string::npos);
    CHECK(results[6].rows[3][0].find("SOURCE") != std::string::npos);
  }
}

}  // namespace fluxo::engine
