// The Flink example of DESIGN.md, run as written: trades per symbol per hour with a watermark,
// out-of-order and late records, read back through the engine's push-query API row by row.
// Expected rows are worked out by hand below each input.

#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kH0 = 472222 * kHour;  // 2023-11-14T22:00:00Z, an hour boundary.

const char* const kCreateTrades = R"(
CREATE TABLE trades (
    symbol STRING,
    shares INT,
    price DOUBLE,
    transaction_date TIMESTAMP(3),
    WATERMARK FOR transaction_date AS transaction_date - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'trades',
    'properties.bootstrap.servers' = 'localhost:9092',
    'format' = 'json',
    'scan.startup.mode' = 'earliest-offset'
);)";

const char* const kHourlyQuery = R"(
SELECT symbol,
       TUMBLE_START(transaction_date, INTERVAL '1' HOUR) AS window_start,
       SUM(shares) AS total_shares,
       AVG(price)  AS avg_price
FROM trades
GROUP BY symbol, TUMBLE(transaction_date, INTERVAL '1' HOUR);)";

std::string Trade(const std::string& symbol, int shares, double price, int64_t time) {
  return R"({"SYMBOL":")" + symbol + R"(","SHARES":)" + std::to_string(shares) + R"(,"PRICE":)" +
         std::to_string(price) + R"(,"TRANSACTION_DATE":)" + std::to_string(time) + "}";
}

void CheckRow(const PushQueryRow& row,
              const std::string& symbol,
              int64_t window_start,
              int64_t total_shares,
              double avg_price) {
  REQUIRE(row.key.size() == 1);
  CHECK(row.key[0].AsString() == symbol);
  REQUIRE(row.window.has_value());
  CHECK(row.window->start == window_start);
  CHECK(row.window->end == window_start + kHour);
  REQUIRE(row.values.size() == 3);
  CHECK(row.values[0].AsInt64() == window_start);  // window_start, a TIMESTAMP in ms.
  CHECK(row.values[1].AsInt32() == total_shares);  // SUM of INT is an INT.
  CHECK(std::fabs(row.values[2].AsDouble() - avg_price) < 1e-9);
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("the Flink example of DESIGN.md: hourly trades per symbol with a watermark") {
    EngineFixture fixture;
    fixture.topics->CreateTopic("trades", 1);  // Flink's Kafka connector reads an existing topic.
    fixture.Run(kCreateTrades);
    const planner::SourceDescription* trades = fixture.engine.catalog().FindSource("TRADES");
    REQUIRE(trades != nullptr);
    CHECK(trades->type == planner::SourceType::kStream);  // No primary key: append-only.

    const StatementResult started = fixture.Run(kHourlyQuery);
    REQUIRE(started.kind == StatementResult::Kind::kPushQuery);
    CHECK(started.columns ==
          std::vector<std::string>{"SYMBOL", "WINDOW_START", "TOTAL_SHARES", "AVG_PRICE"});

    // Hour 0: PETR4 100 @ 30, VALE3 50 @ 60, PETR4 200 @ 31.
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 100, 30.0, kH0 + 1000));
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 50, 60.0, kH0 + 2000));
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 200, 31.0, kH0 + 1800 * 1000));
    // Hour 1 starts; the watermark (max time - 5 s) is still inside hour 0.
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 10, 62.0, kH0 + kHour + 1000));
    // Out of order by 2 s, within the watermark's 5 s: still counts for hour 0.
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 300, 32.0, kH0 + kHour - 1000));
    fixture.engine.RunUntilIdle();
    CHECK(fixture.engine.ReadPushQuery(started.query_id).empty());  // Hour 0 still open.

    // The watermark passes the end of hour 0: its rows come out, PETR4 then VALE3.
    fixture.Produce("trades", std::nullopt, Trade("ITUB4", 5, 25.0, kH0 + kHour + 6000));
    fixture.engine.RunUntilIdle();
    std::vector<PushQueryRow> rows = fixture.engine.ReadPushQuery(started.query_id);
    REQUIRE(rows.size() == 2);
    CheckRow(rows[0], "PETR4", kH0, 600, 31.0);  // 100 + 200 + 300; (30 + 31 + 32) / 3.
    CheckRow(rows[1], "VALE3", kH0, 50, 60.0);

    // Late: hour 0 has closed, so this trade is dropped, counted and logged.
    const uint64_t skipped_before = fixture.engine.processing_log().SkippedBy(started.query_id);
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 1000, 99.0, kH0 + 10 * 1000));
    // Hour 2 starts and the watermark passes the end of hour 1.
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 20, 64.0, kH0 + 2 * kHour + 6000));
    fixture.engine.RunUntilIdle();
    CHECK(fixture.engine.processing_log().SkippedBy(started.query_id) == skipped_before + 1);
    rows = fixture.engine.ReadPushQuery(started.query_id);
    REQUIRE(rows.size() == 2);
    CheckRow(rows[0], "ITUB4", kH0 + kHour, 5, 25.0);
    CheckRow(rows[1], "VALE3", kH0 + kHour, 10, 62.0);

    fixture.engine.ClosePushQuery(started.query_id);
    CHECK_FALSE(fixture.engine.IsPushQueryRunning(started.query_id));
  }

  TEST_CASE("the ksqlDB twin of the Flink example gives the same hourly rows") {
    EngineFixture fixture;
    fixture.Run(
        "CREATE STREAM trades (symbol STRING, shares INT, price DOUBLE, transaction_date "
        "TIMESTAMP) WITH (KAFKA_TOPIC='trades', VALUE_FORMAT='JSON', "
        "TIMESTAMP='transaction_date', PARTITIONS=1);");
    const StatementResult started = fixture.Run(
        "SELECT symbol, WINDOWSTART AS window_start, SUM(shares) AS total_shares, AVG(price) AS "
        "avg_price FROM trades WINDOW TUMBLING (SIZE 1 HOUR, GRACE PERIOD 5 SECONDS) GROUP BY "
        "symbol EMIT FINAL;");
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 100, 30.0, kH0 + 1000));
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 300, 32.0, kH0 + kHour - 1000));
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 10, 62.0, kH0 + kHour + 6000));
    fixture.engine.RunUntilIdle();
    const std::vector<PushQueryRow> rows = fixture.engine.ReadPushQuery(started.query_id);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].key[0].AsString() == "PETR4");
    CHECK(rows[0].values[0].AsInt64() == kH0);  // WINDOWSTART, a BIGINT here.
    CHECK(rows[0].values[1].AsInt32() == 400);
    CHECK(std::fabs(rows[0].values[2].AsDouble() - 31.0) < 1e-9);
  }

  TEST_CASE("a push query ends at its LIMIT") {
    EngineFixture fixture;
    fixture.Run(
        "CREATE STREAM s (id INT KEY, v INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', "
        "PARTITIONS=1);");
    const StatementResult started = fixture.Run("SELECT id, v FROM s EMIT CHANGES LIMIT 2;");
    for (int i = 0; i < 3; ++i) {
      fixture.Produce("s",
                      std::string(3, '\0') + static_cast<char>(i),
                      "{\"V\":" + std::to_string(i * 10) + "}");
    }
    fixture.engine.RunUntilIdle();
    const std::vector<PushQueryRow> rows = fixture.engine.ReadPushQuery(started.query_id);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].key[0].AsInt32() == 0);
    CHECK(rows[1].values[0].AsInt32() == 10);
    CHECK_FALSE(fixture.engine.IsPushQueryRunning(started.query_id));
  }
}

}  // namespace fluxo::engine
