// Key rules of CREATE STREAM AS SELECT: which key columns a projection must keep, in what
// order, and the sink's key format. Expected messages and schemas are those of the QTT cases
// named in each test.
#include "planner/binder/bind_query.h"

#include <string>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "planner/binder/bind_create_source.h"
#include "planner/physical/physical_plan.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

Catalog CatalogWith(const std::string& create_sql) {
  Catalog catalog;
  const ast::Statement statement = parser::ParseStatement(create_sql);
  const auto* create = statement.As<ast::CreateSource>();
  REQUIRE(create != nullptr);
  catalog.AddSource(BindCreateSource(*create, catalog, create_sql).source, false, false);
  return catalog;
}

LogicalPlan BindAs(const Catalog& catalog,
                   const std::string& sql,
                   const QueryBindOptions& options = {}) {
  const ast::Statement statement = parser::ParseStatement(sql);
  const auto* create = statement.As<ast::CreateSourceAs>();
  REQUIRE(create != nullptr);
  return BindCreateSourceAs(
      *create, catalog, functions::FunctionRegistry::BuiltIn(), sql, 1, options);
}

std::string BindAsError(const Catalog& catalog, const std::string& sql) {
  try {
    BindAs(catalog, sql);
  } catch (const Error& error) {
    return error.message();
  }
  return "no error";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("a missing key names every key column") {
    // project-filter.json "projection with missing multi-key column".
    const Catalog catalog = CatalogWith(
        "CREATE STREAM INPUT (ID INT KEY, ID2 INT KEY, NAME STRING) WITH (kafka_topic='t', "
        "format='JSON');");
    CHECK(Contains(BindAsError(catalog, "CREATE STREAM OUTPUT AS SELECT ID, NAME FROM INPUT;"),
                   "Keys missing from projection (ie, SELECT)."));
    CHECK(Contains(BindAsError(catalog, "CREATE STREAM OUTPUT AS SELECT ID, NAME FROM INPUT;"),
                   "The query used to build `OUTPUT` must include the key columns ID and ID2 in "
                   "its projection (eg, SELECT ID, ID2...)."));
  }

  TEST_CASE("a missing PARTITION BY key names the partitioning expressions, qualified") {
    const Catalog catalog = CatalogWith(
        "CREATE STREAM INPUT (ID INT KEY, NAME STRING, AGE INT) WITH (kafka_topic='t', "
        "format='JSON');");
    // partition-by.json "expression - missing key from projection".
    CHECK(Contains(
        BindAsError(catalog,
                    "CREATE STREAM OUTPUT AS SELECT NAME, ID FROM INPUT PARTITION BY ABS(ID);"),
        "must include the partitioning expression ABS(INPUT.ID) in its projection (eg, SELECT "
        "ABS(INPUT.ID)...)."));
    // "... - with value column of same name": an alias is not the expression.
    CHECK(Contains(
        BindAsError(catalog,
                    "CREATE STREAM OUTPUT AS SELECT NAME AS ID, NAME FROM INPUT PARTITION BY ID;"),
        "must include the partitioning expression INPUT.ID in its projection (eg, SELECT "
        "INPUT.ID...)."));
    // "multiple columns - missing key from projection": all of them are named.
    CHECK(Contains(
        BindAsError(catalog,
                    "CREATE STREAM OUTPUT AS SELECT ID, NAME FROM INPUT PARTITION BY ID, AGE;"),
        "must include the partitioning expressions INPUT.ID and INPUT.AGE in its projection (eg, "
        "SELECT INPUT.ID, INPUT.AGE...)."));
  }

  TEST_CASE("key columns keep the input's order, unless the new planner is on") {
    const Catalog catalog = CatalogWith(
        "CREATE STREAM INPUT (ID INT KEY, AGE INT KEY, NAME STRING) WITH (kafka_topic='t', "
        "format='JSON');");
    const std::string sql = "CREATE STREAM OUTPUT AS SELECT AGE, ID, NAME FROM INPUT;";
    // select.json "multi-key columns reordered -- old planner" / "-- new planner".
    CHECK(DescribeSchema(BindAs(catalog, sql).output_schema) ==
          "`ID` INTEGER KEY, `AGE` INTEGER KEY, `NAME` STRING");
    QueryBindOptions new_planner;
    new_planner.new_query_planner = true;
    CHECK(DescribeSchema(BindAs(catalog, sql, new_planner).output_schema) ==
          "`AGE` INTEGER KEY, `ID` INTEGER KEY, `NAME` STRING");
  }

  TEST_CASE("PARTITION BY orders the keys as it lists them") {
    // partition-by.json "multiple columns - some key some value - key first".
    const Catalog catalog = CatalogWith(
        "CREATE STREAM INPUT (NAME STRING KEY, ID INT, AGE INT) WITH (kafka_topic='t', "
        "format='JSON');");
    CHECK(
        DescribeSchema(
            BindAs(catalog,
                   "CREATE STREAM OUTPUT AS SELECT ID, AGE, NAME FROM INPUT PARTITION BY NAME, ID;")
                .output_schema) == "`NAME` STRING KEY, `ID` INTEGER KEY, `AGE` INTEGER");
  }

  TEST_CASE("the new planner lets a stream query drop its keys") {
    // select.json "key missing from projection -- new planner".
    const Catalog catalog = CatalogWith(
        "CREATE STREAM INPUT (ID INT KEY, NAME STRING) WITH (kafka_topic='t', "
        "value_format='JSON');");
    QueryBindOptions new_planner;
    new_planner.new_query_planner = true;
    const LogicalPlan plan =
        BindAs(catalog, "CREATE STREAM OUTPUT AS SELECT NAME FROM INPUT;", new_planner);
    CHECK(DescribeSchema(plan.output_schema) == "`NAME` STRING");
    CHECK(plan.sink.description.key_format.kind == FormatKind::kNone);
  }

  TEST_CASE("PARTITION BY NULL takes no explicit key format") {
    // partition-by.json "null - explicit key format".
    const Catalog catalog = CatalogWith(
        "CREATE STREAM INPUT (ID INT KEY, NAME STRING) WITH (kafka_topic='t', "
        "value_format='JSON');");
    CHECK(BindAsError(catalog,
                      "CREATE STREAM OUTPUT WITH (key_format='DELIMITED') AS SELECT ID, NAME FROM "
                      "INPUT PARTITION BY NULL;") ==
          "Key format specified for stream without key columns.");
    CHECK(BindAs(catalog, "CREATE STREAM OUTPUT AS SELECT ID, NAME FROM INPUT PARTITION BY NULL;")
              .sink.description.key_format.kind == FormatKind::kNone);
  }
}

}  // namespace fluxo::planner
