#include "planner/binder/bind_create_source.h"

#include <string>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

BoundCreateSource Bind(const std::string& sql, const Catalog& catalog = Catalog()) {
  const ast::Statement statement = parser::ParseStatement(sql);
  const auto* create = statement.As<ast::CreateSource>();
  REQUIRE(create != nullptr);
  return BindCreateSource(*create, catalog, sql);
}

// Returns "line:column: message" of the error binding `sql` throws.
std::string BindError(const std::string& sql) {
  try {
    Bind(sql);
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("CREATE STREAM with key, value and header columns") {
    const BoundCreateSource bound = Bind(
        "CREATE STREAM pageviews (viewtime BIGINT, id STRING KEY, price DECIMAL(10, 2), "
        "tags ARRAY<STRING>, h BYTES HEADER('trace')) WITH (kafka_topic='pv', "
        "value_format='json', partitions=4, timestamp='viewtime')");
    const SourceDescription& source = bound.source;
    CHECK(source.name == "PAGEVIEWS");
    CHECK(source.type == SourceType::kStream);
    CHECK(source.topic == "pv");
    CHECK(source.key_format.kind == FormatKind::kKafka);
    CHECK(source.value_format.kind == FormatKind::kJson);
    CHECK(bound.partitions == 4);
    CHECK(source.timestamp_column == "VIEWTIME");
    REQUIRE(source.schema.columns().size() == 5);
    CHECK(source.schema.columns()[0].name == "ID");  // Key columns first.
    CHECK(source.schema.columns()[0].column_namespace == ColumnNamespace::kKey);
    CHECK(source.schema.columns()[2].type->ToString() == "DECIMAL(10, 2)");
    CHECK(source.schema.columns()[4].column_namespace == ColumnNamespace::kHeader);
    CHECK(source.schema.columns()[4].header_key == "trace");
  }

  TEST_CASE("a stream without key columns has no key format unless one is given") {
    const BoundCreateSource bound =
        Bind("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='DELIMITED')");
    CHECK(bound.source.key_format.kind == FormatKind::kNone);
    CHECK(bound.source.value_format.kind == FormatKind::kDelimited);
    // FORMAT sets the key format too; it is kept for the keys a PARTITION BY adds (delimited.json
    // "ARRAY - C*AS - key" expects the DELIMITED key format's error).
    const BoundCreateSource both =
        Bind("CREATE STREAM s (v INT) WITH (kafka_topic='t', format='DELIMITED')");
    CHECK(both.source.key_format.kind == FormatKind::kDelimited);
  }

  TEST_CASE("the Flink CREATE TABLE of DESIGN.md is a stream with a watermark") {
    const BoundCreateSource bound = Bind(
        "CREATE TABLE trades (symbol STRING, shares INT, price DOUBLE, transaction_date "
        "TIMESTAMP(3), WATERMARK FOR transaction_date AS transaction_date - INTERVAL '5' SECOND) "
        "WITH ('connector' = 'kafka', 'topic' = 'trades', 'properties.bootstrap.servers' = "
        "'localhost:9092', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')");
    CHECK(bound.source.type == SourceType::kStream);
    CHECK(bound.source.topic == "trades");
    CHECK(bound.source.value_format.kind == FormatKind::kJson);
    CHECK(bound.source.key_format.kind == FormatKind::kNone);
    CHECK(bound.source.timestamp_column == "TRANSACTION_DATE");
    CHECK(bound.source.watermark_delay_ms == 5000);
    REQUIRE(bound.notices.size() == 1);
    CHECK(bound.notices[0].find("properties.bootstrap.servers") != std::string::npos);
  }

  TEST_CASE("a Flink table with PRIMARY KEY NOT ENFORCED is a table keyed by it") {
    const BoundCreateSource bound = Bind(
        "CREATE TABLE users (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH "
        "('connector'='kafka', 'topic'='users', 'format'='json')");
    CHECK(bound.source.type == SourceType::kTable);
    CHECK(bound.source.schema.columns()[0].name == "ID");
    CHECK(bound.source.schema.columns()[0].column_namespace == ColumnNamespace::kKey);
  }

  TEST_CASE("ksqlDB's DDL errors, at the part at fault") {
    CHECK(BindError("CREATE TABLE t (id INT KEY, v INT) WITH (kafka_topic='t', format='JSON')") ==
          "line 1:17: Column `ID` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\n"
          "Tables have PRIMARY KEYs, which are unique and NON NULL.\n"
          "Streams have KEYs, which have no uniqueness or NON NULL constraints.");
    CHECK(BindError("CREATE STREAM s (id INT PRIMARY KEY) WITH (kafka_topic='t', format='JSON')")
              .starts_with("line 1:18: Column `ID` is a 'PRIMARY KEY' column: please use 'KEY' "
                           "for streams."));
    CHECK(BindError("CREATE TABLE t (v INT) WITH (kafka_topic='t', format='JSON')") ==
          "line 1:14: Tables require a PRIMARY KEY. Please define the PRIMARY KEY.");
    CHECK(BindError("CREATE STREAM s (v INT) WITH (value_format='JSON')") ==
          "line 1:15: Missing required property \"KAFKA_TOPIC\" which has no default value.");
    CHECK(BindError("CREATE STREAM s (v INT) WITH (kafka_topic='t')") ==
          "line 1:15: Statement is missing the 'VALUE_FORMAT' property from the WITH clause.");
    CHECK(BindError("CREATE STREAM s (rowtime INT) WITH (kafka_topic='t', format='JSON')") ==
          "line 1:18: 'ROWTIME' is a reserved column name. You cannot use it as a name for a "
          "column.");
    CHECK(BindError("CREATE STREAM s (a INT, A STRING) WITH (kafka_topic='t', format='JSON')") ==
          "line 1:25: Duplicate column names: A");
    CHECK(BindError("CREATE STREAM s (a INTT) WITH (kafka_topic='t', format='JSON')") ==
          "line 1:20: Unknown type: INTT");
    CHECK(BindError("CREATE STREAM s (a DECIMAL(50, 2)) WITH (kafka_topic='t', format='JSON')") ==
          "line 1:20: DECIMAL precision must be between 1 and 38, got 50");
    CHECK(BindError("CREATE STREAM s (a INT) WITH (kafka_topic='t', value_format='AVRO')") ==
          "line 1:48: Format AVRO needs a schema registry, which Fluxo does not support yet: use "
          "JSON, DELIMITED, KAFKA or NONE");
    CHECK(
        BindError("CREATE STREAM s (a INT) WITH (kafka_topic='t', format='JSON', colour='red')") ==
        "line 1:63: Unknown property: COLOUR");
    CHECK(BindError("CREATE STREAM s (a INT) WITH (kafka_topic='t', format='JSON', "
                    "timestamp='b')") ==
          "line 1:15: The TIMESTAMP column set in the WITH clause does not exist in the schema: "
          "'B'");
    CHECK(BindError("CREATE STREAM s (a BOOLEAN) WITH (kafka_topic='t', format='JSON', "
                    "timestamp='a')") ==
          "line 1:15: Timestamp column, `A`, should be LONG(INT64), TIMESTAMP, or a String with a "
          "timestamp_format specified.");
    CHECK(BindError("CREATE STREAM s (a INT) WITH (kafka_topic='t', value_delimiter='ab', "
                    "format='DELIMITED')") ==
          "line 1:48: Failed to prepare statement: Configuration VALUE_DELIMITER is invalid: "
          "Invalid delimiter value: 'ab'. Delimiter must be a single character or TAB,SPACE\n"
          "Example valid value: ';'");
    CHECK(BindError("CREATE STREAM s (a INT) WITH (kafka_topic='t', value_delimiter='a', "
                    "format='JSON')") ==
          "line 1:48: JSON does not support the following configs: [delimiter]");
  }

  TEST_CASE("named types from CREATE TYPE") {
    Catalog catalog;
    catalog.AddType("ADDRESS", SqlType::Struct({{"CITY", SqlType::String()}}), false);
    const BoundCreateSource bound =
        Bind("CREATE STREAM s (home ADDRESS) WITH (kafka_topic='t', format='JSON')", catalog);
    CHECK(bound.source.schema.columns()[0].type->ToString() == "STRUCT<`CITY` STRING>");
  }
}

}  // namespace fluxo::planner
