// Flink's INSERT INTO a Kafka table: the SELECT list goes to the sink's columns by position,
// the sink gets append-only rows (one per window of a group-window aggregation) with no record
// key, and every window the watermark closes comes out, however far the watermark jumps.

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
    shares BIGINT,
    price DOUBLE,
    transaction_date TIMESTAMP(3),
    WATERMARK FOR transaction_date AS transaction_date - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'trades', 'format' = 'json');)";

// The sink's names differ from the query's and its first column is the window start, which the
// query selects first too: Flink matches by position.
const char* const kCreateSink = R"(
CREATE TABLE hourly (
    hour_start TIMESTAMP(3),
    sym STRING,
    shares_traded BIGINT
) WITH ('connector' = 'kafka', 'topic' = 'hourly', 'format' = 'json');)";

const char* const kInsert = R"(
INSERT INTO hourly
SELECT TUMBLE_START(transaction_date, INTERVAL '1' HOUR), symbol, SUM(shares)
FROM trades
GROUP BY TUMBLE(transaction_date, INTERVAL '1' HOUR), symbol;)";

std::string Trade(const std::string& symbol, int shares, int64_t time) {
  return R"({"symbol":")" + symbol + R"(","shares":)" + std::to_string(shares) +
         R"(,"price":1.5,"transaction_date":)" + std::to_string(time) + "}";
}

std::string Hourly(int64_t hour_start, const std::string& symbol, int64_t shares) {
  return R"({"HOUR_START":)" + std::to_string(hour_start) + R"(,"SYM":")" + symbol +
         R"(","SHARES_TRADED":)" + std::to_string(shares) + "}";
}

// The sink's records as "key|value" lines; "-" for a null key.
std::vector<std::string> SinkRecords(EngineFixture& fixture) {
  std::vector<std::string> lines;
  for (const runtime::TopicRecord& record : fixture.Read("hourly")) {
    lines.push_back(record.key.has_value() ? *record.key : "-");
    lines.back() += "|" + record.value.value_or("null");
  }
  return lines;
}

void Setup(EngineFixture& fixture) {
  fixture.topics->CreateTopic("trades", 1);
  fixture.topics->CreateTopic("hourly", 1);
  fixture.Run(kCreateTrades);
  fixture.Run(kCreateSink);
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("Flink INSERT INTO a Kafka table: by position, one keyless row per closed window") {
    EngineFixture fixture;
    Setup(fixture);
    fixture.Run(kInsert);

    fixture.Produce("trades", std::nullopt, Trade("PETR4", 100, kH0 + 1000));
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 50, kH0 + 2000));
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 200, kH0 + kHour + 1000));
    // 4 s late: the watermark (max - 5 s) has not passed hour 0's end, so it counts.
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 300, kH0 + kHour - 3000));
    fixture.engine.RunUntilIdle();
    CHECK(SinkRecords(fixture).empty());  // Hour 0 is still open.

    // The watermark passes the end of hour 0 (max - 5 s >= its end).
    fixture.Produce("trades", std::nullopt, Trade("ITUB4", 7, kH0 + kHour + 5000));
    // Late beyond the watermark: dropped.
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 1000, kH0 + kHour - 1));
    fixture.engine.RunUntilIdle();
    CHECK(SinkRecords(fixture) == std::vector<std::string>{"-|" + Hourly(kH0, "PETR4", 400),
                                                           "-|" + Hourly(kH0, "VALE3", 50)});
  }

  TEST_CASE("Flink INSERT INTO: a watermark jump over several hours closes every hour") {
    // Flink keeps no window-store retention: a window is emitted whenever the watermark passes
    // its end, also when it jumps far past it (ksqlDB's EMIT FINAL would have purged it).
    EngineFixture fixture;
    Setup(fixture);
    fixture.Run(kInsert);
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 10, kH0 + 1000));
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 20, kH0 + kHour + 1000));
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 30, kH0 + 5 * kHour));
    fixture.engine.RunUntilIdle();
    CHECK(SinkRecords(fixture) ==
          std::vector<std::string>{"-|" + Hourly(kH0, "PETR4", 10),
                                   "-|" + Hourly(kH0 + kHour, "VALE3", 20)});
  }

  TEST_CASE("Flink INSERT INTO from a stream: the SELECT list by position") {
    EngineFixture fixture;
    fixture.topics->CreateTopic("trades", 1);
    fixture.topics->CreateTopic("big", 1);
    fixture.Run(kCreateTrades);
    fixture.Run(
        "CREATE TABLE big (volume BIGINT, name STRING) WITH ('connector' = 'kafka', "
        "'topic' = 'big', 'format' = 'json');");
    fixture.Run("INSERT INTO big SELECT shares, symbol FROM trades WHERE shares > 100;");
    fixture.Produce("trades", std::nullopt, Trade("PETR4", 100, kH0));
    fixture.Produce("trades", std::nullopt, Trade("VALE3", 101, kH0 + 1));
    fixture.engine.RunUntilIdle();
    const std::vector<runtime::TopicRecord> records = fixture.Read("big");
    REQUIRE(records.size() == 1);
    CHECK_FALSE(records[0].key.has_value());
    CHECK(records[0].value == R"({"VOLUME":101,"NAME":"VALE3"})");
  }

  TEST_CASE("Flink INSERT INTO: updates, a different column count or type are refused") {
    EngineFixture fixture;
    Setup(fixture);
    // A non-windowed aggregation updates its rows: Flink's Kafka sink takes inserts only.
    CHECK(fixture
              .ErrorOf("INSERT INTO hourly SELECT MAX(transaction_date), symbol, "
                       "SUM(shares) FROM trades GROUP BY symbol;")
              .find("Table sink 'HOURLY' doesn't support consuming update changes") !=
          std::string::npos);
    const std::string count = fixture.ErrorOf(
        "INSERT INTO hourly SELECT TUMBLE_START(transaction_date, INTERVAL '1' HOUR), symbol, "
        "SUM(shares), COUNT(*) FROM trades GROUP BY TUMBLE(transaction_date, INTERVAL '1' HOUR), "
        "symbol;");
    CHECK(count.find("Column types of query result and sink for 'HOURLY' do not match.\n"
                     "Cause: Different number of columns.") != std::string::npos);
    const std::string type = fixture.ErrorOf(
        "INSERT INTO hourly SELECT TUMBLE_START(transaction_date, INTERVAL '1' HOUR), symbol, "
        "AVG(price) FROM trades GROUP BY TUMBLE(transaction_date, INTERVAL '1' HOUR), symbol;");
    CHECK(type.find("Cause: Incompatible types for sink column 'SHARES_TRADED' at position 2.") !=
          std::string::npos);
  }
}

}  // namespace fluxo::engine
