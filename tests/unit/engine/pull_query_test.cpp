// Pull queries through the engine: key lookups, scans with WHERE and LIMIT, windowed tables,
// tables changed by later records, source tables, and errors. Expected rows are worked out by
// hand from the records produced.

#include <doctest/doctest.h>

#include "runtime/core/temporary_directory.h"
#include "tests/unit/engine/engine_test_fixture.h"

namespace fluxo::engine {

namespace {

using testing::EngineFixture;
using testing::Rows;

// Page views per user (JSON keys and values), and their totals as a CTAS table.
void CreateTotals(EngineFixture& f) {
  f.engine.ExecuteScript(
      "CREATE STREAM pageviews (user_id INT KEY, page STRING, duration_ms INT) "
      "WITH (kafka_topic='pageviews', format='JSON', partitions=1);"
      "CREATE TABLE totals AS SELECT user_id, COUNT(*) AS views, SUM(duration_ms) AS total_ms "
      "FROM pageviews GROUP BY user_id EMIT CHANGES;");
  f.Produce("pageviews", "1", R"({"PAGE":"home","DURATION_MS":10})", 100);
  f.Produce("pageviews", "2", R"({"PAGE":"home","DURATION_MS":5})", 200);
  f.Produce("pageviews", "1", R"({"PAGE":"cart","DURATION_MS":30})", 300);
  f.engine.RunUntilIdle();
}

// Users as a source table over a topic, and the adults among them as a CTAS table.
void CreateUsers(EngineFixture& f) {
  f.engine.ExecuteScript(
      "CREATE TABLE users (id STRING PRIMARY KEY, name STRING, age INT) "
      "WITH (kafka_topic='users', format='JSON', partitions=1);"
      "CREATE TABLE adults AS SELECT id, name, age FROM users WHERE age >= 18;");
  f.Produce("users", R"("a")", R"({"NAME":"Ann","AGE":30})", 10);
  f.Produce("users", R"("b")", R"({"NAME":"Bob","AGE":17})", 20);
  f.Produce("users", R"("c")", R"({"NAME":"Cid","AGE":40})", 30);
  f.Produce("users", R"("a")", R"({"NAME":"Ann","AGE":31})", 40);  // An update.
  f.Produce("users", R"("c")", std::nullopt, 50);                  // A delete.
  f.Produce("users", R"("b")", R"({"NAME":"Bob","AGE":18})", 60);  // Now an adult.
  f.engine.RunUntilIdle();
}

// Orders per region as three GROUP BY tables (HAVING, two key columns, HOPPING), checked
// through pull queries: rows worked out by hand from the orders produced.
void CheckAggregateTables(EngineFixture& f) {
  f.engine.ExecuteScript(
      "CREATE STREAM orders (region STRING KEY, shop STRING, amount INT) "
      "WITH (kafka_topic='orders', format='JSON', partitions=1);"
      "CREATE TABLE busy AS SELECT region, COUNT(*) AS n, SUM(amount) AS total FROM orders "
      "GROUP BY region HAVING COUNT(*) > 1;"
      "CREATE TABLE per_shop AS SELECT region, shop, MAX(amount) AS top FROM orders "
      "GROUP BY region, shop;"
      "CREATE TABLE hops AS SELECT region, COUNT(*) AS n FROM orders "
      "WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS) GROUP BY region;");
  f.Produce("orders", R"("eu")", R"({"SHOP":"x","AMOUNT":5})", 1000);
  f.Produce("orders", R"("us")", R"({"SHOP":"y","AMOUNT":7})", 2000);
  f.Produce("orders", R"("eu")", R"({"SHOP":"z","AMOUNT":9})", 6000);
  f.engine.RunUntilIdle();
  // HAVING: "us" has one order, so no row (its group's state is kept all the same).
  CHECK(f.Run("SELECT * FROM busy;").rows == Rows{{"eu", "2", "14"}});
  CHECK(f.Run("SELECT * FROM busy WHERE region = 'us';").rows.empty());
  f.Produce("orders", R"("us")", R"({"SHOP":"y","AMOUNT":1})", 7000);
  f.engine.RunUntilIdle();
  CHECK(f.Run("SELECT region, total FROM busy;").rows == Rows{{"eu", "14"}, {"us", "8"}});
  // ROWTIME is the group's latest record's.
  CHECK(f.Run("SELECT ROWTIME FROM busy WHERE region = 'us';").rows == Rows{{"7000"}});
  // Two key columns: every row, and a lookup of both.
  CHECK(f.Run("SELECT * FROM per_shop;").rows ==
        Rows{{"eu", "x", "5"}, {"eu", "z", "9"}, {"us", "y", "7"}});
  CHECK(f.Run("SELECT top FROM per_shop WHERE region = 'eu' AND shop = 'z';").rows == Rows{{"9"}});
  // HOPPING: 1000 and 2000 are in [0, 10000) only (no negative starts), 6000 and 7000 in
  // [0, 10000) and [5000, 15000); the windows come by key, then start.
  CHECK(f.Run("SELECT * FROM hops WHERE region = 'eu';").rows ==
        Rows{{"eu", "0", "10000", "2"}, {"eu", "5000", "15000", "1"}});
  CHECK(f.Run("SELECT region, WINDOWSTART, n FROM hops WHERE WINDOWSTART = 5000;").rows ==
        Rows{{"eu", "5000", "1"}, {"us", "5000", "1"}});
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("a pull query looks up a key of an aggregated table") {
    EngineFixture f;
    CreateTotals(f);
    // User 1: two views, 10 + 30 ms; user 2: one view, 5 ms.
    const StatementResult one = f.Run("SELECT * FROM totals WHERE user_id = 1;");
    CHECK(one.kind == StatementResult::Kind::kTable);
    CHECK(one.columns == std::vector<std::string>{"USER_ID", "VIEWS", "TOTAL_MS"});
    CHECK(one.column_types == std::vector<std::string>{"INTEGER", "BIGINT", "INTEGER"});
    CHECK(one.rows == Rows{{"1", "2", "40"}});
    CHECK(f.Run("SELECT * FROM totals WHERE user_id = 3;").rows.empty());
    // IN looks each key up, in the order written; a repeated key is read once.
    CHECK(f.Run("SELECT user_id, total_ms FROM totals WHERE user_id IN (2, 1, 2);").rows ==
          Rows{{"2", "5"}, {"1", "40"}});
    // The key given as another type is compared as ksqlDB compares it.
    CHECK(f.Run("SELECT views FROM totals WHERE user_id = 2.0;").rows == Rows{{"1"}});
  }

  TEST_CASE("a pull query scans with WHERE on a value column, and LIMIT stops it") {
    EngineFixture f;
    CreateTotals(f);
    CHECK(f.Run("SELECT user_id, views FROM totals WHERE views > 1;").rows == Rows{{"1", "2"}});
    CHECK(f.Run("SELECT user_id, total_ms * 2 AS doubled FROM totals;").rows ==
          Rows{{"1", "80"}, {"2", "10"}});
    // Rows come in key order: user 1 first.
    CHECK(f.Run("SELECT user_id FROM totals LIMIT 1;").rows == Rows{{"1"}});
    CHECK(f.Run("SELECT user_id FROM totals WHERE total_ms < 100 LIMIT 5;").rows ==
          Rows{{"1"}, {"2"}});
    // A later record changes the answer.
    f.Produce("pageviews", "2", R"({"PAGE":"home","DURATION_MS":7})", 400);
    f.engine.RunUntilIdle();
    CHECK(f.Run("SELECT * FROM totals WHERE views > 1;").rows ==
          Rows{{"1", "2", "40"}, {"2", "2", "12"}});
  }

  TEST_CASE("a pull query on a windowed table shows and filters the windows") {
    EngineFixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM pageviews (user_id INT KEY, page STRING) "
        "WITH (kafka_topic='pageviews', format='JSON', partitions=1);"
        "CREATE TABLE per_window AS SELECT user_id, COUNT(*) AS views FROM pageviews "
        "WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY user_id;");
    // User 1: two views in [0, 10000), one in [10000, 20000); user 2: one in [10000, 20000).
    f.Produce("pageviews", "1", R"({"PAGE":"a"})", 1000);
    f.Produce("pageviews", "1", R"({"PAGE":"b"})", 5000);
    f.Produce("pageviews", "1", R"({"PAGE":"c"})", 12000);
    f.Produce("pageviews", "2", R"({"PAGE":"d"})", 15000);
    f.engine.RunUntilIdle();
    const StatementResult all = f.Run("SELECT * FROM per_window WHERE user_id = 1;");
    CHECK(all.columns == std::vector<std::string>{"USER_ID", "WINDOWSTART", "WINDOWEND", "VIEWS"});
    CHECK(all.rows == Rows{{"1", "0", "10000", "2"}, {"1", "10000", "20000", "1"}});
    CHECK(f.Run("SELECT * FROM per_window WHERE user_id = 1 AND WINDOWSTART >= 10000;").rows ==
          Rows{{"1", "10000", "20000", "1"}});
    CHECK(f.Run("SELECT user_id, views FROM per_window WHERE WINDOWSTART = 10000;").rows ==
          Rows{{"1", "1"}, {"2", "1"}});
    CHECK(f.Run("SELECT WINDOWEND, views FROM per_window WHERE user_id = 2;").rows ==
          Rows{{"20000", "1"}});
  }

  TEST_CASE("a session-windowed table holds the merged sessions only") {
    EngineFixture f;
    f.engine.ExecuteScript(
        "CREATE STREAM clicks (user_id INT KEY, page STRING) "
        "WITH (kafka_topic='clicks', format='JSON', partitions=1);"
        "CREATE TABLE sessions AS SELECT user_id, COUNT(*) AS clicks FROM clicks "
        "WINDOW SESSION (5 SECONDS) GROUP BY user_id;");
    // 1000 and 3000 merge into the session [1000, 3000]; 20000 starts another one.
    f.Produce("clicks", "1", R"({"PAGE":"a"})", 1000);
    f.Produce("clicks", "1", R"({"PAGE":"b"})", 3000);
    f.Produce("clicks", "1", R"({"PAGE":"c"})", 20000);
    f.engine.RunUntilIdle();
    CHECK(f.Run("SELECT * FROM sessions WHERE user_id = 1;").rows ==
          Rows{{"1", "1000", "3000", "2"}, {"1", "20000", "20000", "1"}});
    // After the query stops, the answer comes from the table's topic, with the same rows.
    f.Run("TERMINATE CTAS_SESSIONS_0;");
    CHECK(f.Run("SELECT * FROM sessions WHERE user_id = 1;").rows ==
          Rows{{"1", "1000", "3000", "2"}, {"1", "20000", "20000", "1"}});
  }

  TEST_CASE("a table's rows follow later updates and deletes") {
    EngineFixture f;
    CreateUsers(f);
    // Ann updated to 31, Bob now 18, Cid deleted.
    CHECK(f.Run("SELECT * FROM adults;").rows == Rows{{"a", "Ann", "31"}, {"b", "Bob", "18"}});
    CHECK(f.Run("SELECT * FROM adults WHERE id = 'c';").rows.empty());
    // Ann no longer passes the filter: her row is deleted from the result.
    f.Produce("users", R"("a")", R"({"NAME":"Ann","AGE":10})", 70);
    f.engine.RunUntilIdle();
    CHECK(f.Run("SELECT * FROM adults;").rows == Rows{{"b", "Bob", "18"}});
    CHECK(f.Run("SELECT name FROM adults WHERE id = 'a';").rows.empty());
  }

  TEST_CASE("a pull query on a source table reads the latest row of each key from its topic") {
    EngineFixture f;
    CreateUsers(f);
    CHECK(f.Run("SELECT * FROM users;").rows == Rows{{"a", "Ann", "31"}, {"b", "Bob", "18"}});
    CHECK(f.Run("SELECT name, age FROM users WHERE id IN ('b', 'a');").rows ==
          Rows{{"Bob", "18"}, {"Ann", "31"}});
    CHECK(f.Run("SELECT * FROM users WHERE id = 'c';").rows.empty());
    // ROWTIME is the timestamp of the record that set the row.
    CHECK(f.Run("SELECT id, ROWTIME FROM users WHERE age > 20;").rows == Rows{{"a", "40"}});
    // An alias qualifies columns; NULL prints as null.
    f.Produce("users", R"("d")", R"({"NAME":null,"AGE":50})", 80);
    CHECK(f.Run("SELECT u.id, u.name FROM users u WHERE u.age = 50;").rows == Rows{{"d", "null"}});
  }

  TEST_CASE("pull query errors name the source and say what is not supported") {
    EngineFixture f;
    CreateTotals(f);
    CHECK(f.ErrorOf("SELECT * FROM nosuch WHERE id = 1;") == "line 1:15: NOSUCH does not exist.");
    CHECK(f.ErrorOf("SELECT * FROM totals WHERE nope = 1;")
              .starts_with("line 1:28: WHERE column 'NOPE' cannot be resolved."));
    CHECK(f.ErrorOf("SELECT user_id, ROWOFFSET FROM totals;") ==
          "line 1:17: Pull queries don't support the following columns in SELECT clauses: "
          "ROWOFFSET\n See https://cnfl.io/queries for more info.\n"
          "Add EMIT CHANGES if you intended to issue a push query.");
  }

  TEST_CASE("EXPLAIN shows where a table result is materialized") {
    EngineFixture f;
    CreateTotals(f);
    CreateUsers(f);
    const auto explains = [&](const std::string& query, const std::string& text) {
      for (const std::vector<std::string>& row : f.Run("EXPLAIN " + query + ";").rows) {
        if (row[0].find(text) != std::string::npos) {
          return true;
        }
      }
      return false;
    };
    // A GROUP BY's rows are its aggregation's states; other tables keep rows of their own.
    CHECK(explains("CTAS_TOTALS_0",
                   "MATERIALIZE (materialize.v1) ] | store: CTAS_TOTALS_0.Aggregate.Materialize "
                   "(the aggregation's, read as rows)"));
    CHECK(explains("CTAS_ADULTS_1",
                   "MATERIALIZE (materialize.v1) ] | store: CTAS_ADULTS_1.Materialize.Rows"));
  }

  TEST_CASE("a GROUP BY's table is read from its aggregation's states: HAVING, windows, keys") {
    EngineFixture in_memory;
    CheckAggregateTables(in_memory);
    // On RocksDB too: the stores' own scans and lookups, through their write-back caches.
    TemporaryDirectory state_dir("fluxo-pull-aggregate");
    EngineFixture on_disk;
    on_disk.engine.ExecuteScript("SET 'state.dir'='" + state_dir.path().string() + "';");
    CheckAggregateTables(on_disk);
  }
}

}  // namespace fluxo::engine
