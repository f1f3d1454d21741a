// Parser tests for statements: DDL, DML, queries, windows, joins, session statements, and
// the Flink forms of DESIGN.md.

#include <string>

#include <doctest/doctest.h>

#include "parser/parser.h"

namespace fluxo::parser {

namespace {

template <class T>
T Statement(const std::string& text) {
  ast::Statement statement = ParseStatement(text);
  const T* node = statement.As<T>();
  REQUIRE_MESSAGE(node != nullptr, "unexpected statement kind for: " << text);
  return *node;
}

ast::Query Query(const std::string& text) {
  return Statement<ast::QueryStatement>(text).query;
}

}  // namespace

TEST_SUITE("parser") {
  TEST_CASE("the Flink example of DESIGN.md parses as written") {
    const auto statements = ParseStatements(R"sql(
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
);

SELECT symbol,
       TUMBLE_START(transaction_date, INTERVAL '1' HOUR) AS window_start,
       SUM(shares) AS total_shares,
       AVG(price)  AS avg_price
FROM trades
GROUP BY symbol, TUMBLE(transaction_date, INTERVAL '1' HOUR);
)sql");
    REQUIRE(statements.size() == 2);
    const auto* create = statements[0].As<ast::CreateSource>();
    REQUIRE(create != nullptr);
    CHECK(create->kind == ast::SourceKind::kTable);
    CHECK(create->columns.size() == 4);
    CHECK(create->columns[3].type.name.value == "TIMESTAMP");
    CHECK(create->columns[3].type.parameters == std::vector<std::string>{"3"});
    REQUIRE(create->watermark.has_value());
    CHECK(create->watermark->column.value == "TRANSACTION_DATE");
    CHECK(create->watermark->expression.Is<ast::ArithmeticBinary>());
    REQUIRE(create->properties.size() == 5);
    CHECK(create->properties[0].name == "connector");  // String keys keep their case.
    CHECK(create->properties[4].value.As<ast::StringLiteral>()->value == "earliest-offset");

    const auto* select = statements[1].As<ast::QueryStatement>();
    REQUIRE(select != nullptr);
    REQUIRE(select->query.group_by.has_value());
    REQUIRE(select->query.group_by->size() == 2);
    const auto* tumble = (*select->query.group_by)[1].As<ast::FunctionCall>();
    REQUIRE(tumble != nullptr);
    CHECK(tumble->name.value == "TUMBLE");
    CHECK(tumble->arguments[1].As<ast::IntervalLiteral>()->unit == ast::TimeUnit::kHour);
    CHECK(select->query.select_items[1].alias->value == "WINDOW_START");
  }

  TEST_CASE("the ksqlDB form of the Flink example parses") {
    const auto statements = ParseStatements(
        "CREATE STREAM trades (symbol STRING, shares INT, price DOUBLE, transaction_date "
        "TIMESTAMP) WITH (KAFKA_TOPIC='trades', VALUE_FORMAT='JSON', "
        "TIMESTAMP='transaction_date');\n"
        "SELECT symbol, WINDOWSTART AS window_start, SUM(shares) AS total_shares, AVG(price) AS "
        "avg_price FROM trades WINDOW TUMBLING (SIZE 1 HOUR, GRACE PERIOD 5 SECONDS) GROUP BY "
        "symbol EMIT FINAL;");
    REQUIRE(statements.size() == 2);
    const auto& create = *statements[0].As<ast::CreateSource>();
    CHECK(create.kind == ast::SourceKind::kStream);
    CHECK(create.properties[0].name == "KAFKA_TOPIC");
    const auto& query = statements[1].As<ast::QueryStatement>()->query;
    REQUIRE(query.window.has_value());
    CHECK(query.window->kind == ast::WindowKind::kTumbling);
    CHECK(query.window->size.Millis() == 3600 * 1000);
    CHECK(query.window->grace->Millis() == 5000);
    CHECK(query.emit == ast::EmitMode::kFinal);
  }

  TEST_CASE("Flink window table-valued function") {
    const auto query = Query(
        "SELECT window_start, window_end, symbol, SUM(shares) FROM TABLE(TUMBLE(TABLE trades, "
        "DESCRIPTOR(transaction_date), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, "
        "symbol");
    REQUIRE(query.from.window_function.has_value());
    CHECK(query.from.window_function->kind == ast::WindowFunctionKind::kTumble);
    CHECK(query.from.window_function->source.value == "TRADES");
    CHECK(query.from.window_function->time_column.value == "TRANSACTION_DATE");
    CHECK(query.from.window_function->arguments.size() == 1);
    CHECK(Query("SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, "
                "INTERVAL '5' MINUTE)) AS w")
              .from.alias->value == "W");
  }

  TEST_CASE("ksqlDB windows, clauses and joins") {
    const auto hopping = Query(
        "SELECT k, COUNT(*) FROM s WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS, "
        "RETENTION 7 DAYS, GRACE PERIOD 1 MINUTE) WHERE x > 1 GROUP BY k HAVING COUNT(*) > 2 "
        "EMIT CHANGES LIMIT 10");
    CHECK(hopping.window->kind == ast::WindowKind::kHopping);
    CHECK(hopping.window->advance->Millis() == 10000);
    CHECK(hopping.window->retention->unit == ast::TimeUnit::kDays);
    CHECK(hopping.having.has_value());
    CHECK(hopping.limit == 10);
    CHECK(Query("SELECT * FROM s WINDOW SESSION (5 MINUTES) GROUP BY k").window->kind ==
          ast::WindowKind::kSession);
    CHECK(Query("SELECT * FROM s PARTITION BY a, b").partition_by->size() == 2);
    CHECK(Query("SELECT COUNT(*) FROM s GROUP BY ()").group_by->empty());

    const auto joined = Query(
        "SELECT * FROM a LEFT JOIN b WITHIN (1 SECOND, 2 SECONDS) GRACE PERIOD 3 SECONDS ON "
        "a.id = b.id FULL OUTER JOIN c c_alias ON a.id = c_alias.id");
    REQUIRE(joined.joins.size() == 2);
    CHECK(joined.joins[0].type == ast::JoinType::kLeft);
    CHECK(joined.joins[0].within->before.Millis() == 1000);
    CHECK(joined.joins[0].within->after.Millis() == 2000);
    CHECK(joined.joins[0].within->grace->Millis() == 3000);
    CHECK(joined.joins[1].type == ast::JoinType::kFull);
    CHECK(joined.joins[1].right.alias->value == "C_ALIAS");
    CHECK(Query("SELECT * FROM a JOIN b WITHIN 10 SECONDS ON a.x = b.x").joins[0].type ==
          ast::JoinType::kInner);
  }

  TEST_CASE("select items") {
    const auto query = Query("SELECT *, t.*, s->*, a + 1 AS b, c d FROM t");
    REQUIRE(query.select_items.size() == 5);
    CHECK(query.select_items[0].kind == ast::SelectItemKind::kAll);
    CHECK(query.select_items[1].kind == ast::SelectItemKind::kAllOf);
    CHECK(query.select_items[2].kind == ast::SelectItemKind::kStructAll);
    CHECK(query.select_items[3].alias->value == "B");
    CHECK(query.select_items[4].alias->value == "D");
  }

  TEST_CASE("CREATE, INSERT and DROP statements") {
    const auto create = Statement<ast::CreateSource>(
        "CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS users (id STRING PRIMARY KEY, "
        "tags ARRAY<STRING>, attrs MAP<STRING, INT>, addr STRUCT<city STRING, zip INT>, "
        "h BYTES HEADER('trace'), hs ARRAY<STRUCT<KEY STRING, VALUE BYTES>> HEADERS) "
        "WITH (KAFKA_TOPIC='users', FORMAT='JSON', PARTITIONS=3)");
    CHECK(create.or_replace);
    CHECK(create.read_only);
    CHECK(create.if_not_exists);
    CHECK(create.columns[0].constraint == ast::ColumnConstraint::kPrimaryKey);
    CHECK(create.columns[1].type.kind == ast::TypeKind::kArray);
    CHECK(create.columns[2].type.element_types.size() == 2);
    CHECK(create.columns[3].type.fields[1].name.value == "ZIP");
    CHECK(create.columns[4].header_key == "trace");
    CHECK(create.columns[5].constraint == ast::ColumnConstraint::kHeaders);
    CHECK(create.properties[2].value.As<ast::IntegerLiteral>()->value == 3);

    const auto flink_key = Statement<ast::CreateSource>(
        "CREATE TABLE u (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH "
        "('connector'='kafka')");
    CHECK(flink_key.primary_key->columns[0].value == "ID");
    CHECK(flink_key.primary_key->not_enforced);

    const auto csas = Statement<ast::CreateSourceAs>(
        "CREATE STREAM big WITH (KAFKA_TOPIC='big') AS SELECT * FROM trades WHERE price > 10 "
        "EMIT CHANGES");
    CHECK(csas.kind == ast::SourceKind::kStream);
    CHECK(csas.query.where.has_value());
    CHECK(Statement<ast::CreateSourceAs>("CREATE TABLE t AS SELECT k, COUNT(*) FROM s GROUP BY k")
              .kind == ast::SourceKind::kTable);

    const auto insert = Statement<ast::InsertValues>("INSERT INTO s (a, b) VALUES (1, 'x')");
    CHECK(insert.columns.size() == 2);
    CHECK(insert.values.size() == 2);
    CHECK(Statement<ast::InsertValues>("INSERT INTO s VALUES ()").values.empty());
    CHECK(Statement<ast::InsertInto>("INSERT INTO s SELECT * FROM t").target.value == "S");

    const auto drop = Statement<ast::DropSource>("DROP TABLE IF EXISTS t DELETE TOPIC");
    CHECK(drop.kind == ast::SourceKind::kTable);
    CHECK(drop.if_exists);
    CHECK(drop.delete_topic);
    CHECK(Statement<ast::CreateType>("CREATE TYPE address AS STRUCT<city STRING>").type.kind ==
          ast::TypeKind::kStruct);
    CHECK(Statement<ast::DropType>("DROP TYPE IF EXISTS address").if_exists);
    CHECK(Statement<ast::AlterSource>("ALTER STREAM s ADD COLUMN a INT, ADD b STRING")
              .added_columns.size() == 2);
    CHECK(Statement<ast::CreateSource>("CREATE STREAM s (v VARCHAR(STRING)) WITH (kafka_topic='t')")
              .columns[0]
              .type.parameters == std::vector<std::string>{"STRING"});
  }

  TEST_CASE("SHOW, DESCRIBE, EXPLAIN, PRINT and query control") {
    CHECK(Statement<ast::Show>("SHOW STREAMS").what == ast::ShowKind::kStreams);
    CHECK(Statement<ast::Show>("list tables extended").extended);
    CHECK(Statement<ast::Show>("SHOW ALL TOPICS").all);
    CHECK(Statement<ast::Show>("SHOW QUERIES").what == ast::ShowKind::kQueries);
    CHECK(Statement<ast::Show>("SHOW PROPERTIES").what == ast::ShowKind::kProperties);
    CHECK(Statement<ast::Show>("SHOW FUNCTIONS").what == ast::ShowKind::kFunctions);
    CHECK(Statement<ast::Show>("SHOW TYPES").what == ast::ShowKind::kTypes);
    CHECK(Statement<ast::Show>("SHOW VARIABLES").what == ast::ShowKind::kVariables);
    CHECK(Statement<ast::DescribeSource>("DESCRIBE pageviews EXTENDED").extended);
    CHECK(Statement<ast::DescribeSources>("DESCRIBE TABLES").kind == ast::SourceKind::kTable);
    CHECK(Statement<ast::DescribeFunction>("DESCRIBE FUNCTION substring").name.value ==
          "SUBSTRING");
    const auto explain = Statement<ast::Explain>("EXPLAIN SELECT * FROM s EMIT CHANGES");
    REQUIRE(explain.statement.has_value());
    CHECK((*explain.statement)->Is<ast::QueryStatement>());
    CHECK(Statement<ast::Explain>("EXPLAIN CSAS_OUT_1").query_id->value == "CSAS_OUT_1");

    const auto print =
        Statement<ast::PrintTopic>("PRINT 'my-topic' FROM BEGINNING INTERVAL 2 LIMIT 5");
    CHECK(print.topic == "my-topic");
    CHECK(print.from_beginning);
    CHECK(print.interval == 2);
    CHECK(print.limit == 5);
    CHECK(Statement<ast::PrintTopic>("PRINT pageviews").topic == "PAGEVIEWS");

    CHECK_FALSE(Statement<ast::QueryControl>("TERMINATE ALL").query_id.has_value());
    CHECK(Statement<ast::QueryControl>("PAUSE q1").action == ast::QueryAction::kPause);
    CHECK(Statement<ast::QueryControl>("RESUME q1").action == ast::QueryAction::kResume);
  }

  TEST_CASE("session statements and variables") {
    const auto set = Statement<ast::SetProperty>("SET 'auto.offset.reset'='earliest'");
    CHECK(set.name == "auto.offset.reset");
    CHECK(set.value == "earliest");
    CHECK(Statement<ast::UnsetProperty>("UNSET 'auto.offset.reset'").name == "auto.offset.reset");
    const auto define = Statement<ast::DefineVariable>("DEFINE topic = 'orders'");
    CHECK(define.name == "TOPIC");
    CHECK(define.value == "orders");
    CHECK(Statement<ast::UndefineVariable>("UNDEFINE topic").name == "TOPIC");
    CHECK(Statement<ast::RunScript>("RUN SCRIPT '/tmp/x.sql'").path == "/tmp/x.sql");
    const auto uses_variables =
        Statement<ast::CreateSource>("CREATE STREAM ${name} (a INT) WITH (kafka_topic=${topic})");
    CHECK(uses_variables.name.is_variable);
    CHECK(uses_variables.name.value == "NAME");
    CHECK(uses_variables.properties[0].value.As<ast::VariableReference>()->name == "TOPIC");
  }

  TEST_CASE("scripts: separators, comments and a missing final semicolon") {
    CHECK(ParseStatements("").empty());
    CHECK(ParseStatements(";;  -- only a comment\n").empty());
    CHECK(ParseStatements("SHOW STREAMS; /* c; */ SHOW TABLES").size() == 2);
    CHECK(ParseStatements("SELECT 'a;b' FROM t;;").size() == 1);
    CHECK_THROWS(ParseStatement("SHOW STREAMS; SHOW TABLES;"));
  }
}

}  // namespace fluxo::parser
