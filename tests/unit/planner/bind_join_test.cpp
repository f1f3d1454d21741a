// Binding joins: the join key ksqlDB picks, the result's column names, the kinds of joins and
// their rules, with the messages of the QTT cases named in each test (joins.json).

#include "planner/binder/bind_join.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "planner/binder/bind_create_source.h"
#include "planner/binder/bind_query.h"
#include "planner/physical/physical_plan.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

Catalog CatalogWith(const std::vector<std::string>& creates) {
  Catalog catalog;
  for (const std::string& sql : creates) {
    const ast::Statement statement = parser::ParseStatement(sql);
    const auto* create = statement.As<ast::CreateSource>();
    REQUIRE(create != nullptr);
    catalog.AddSource(BindCreateSource(*create, catalog, sql).source, false, false);
  }
  return catalog;
}

// Two streams L and R (A INT KEY, B INT, C INT), and two tables T and U (ID INT PRIMARY KEY).
Catalog JoinCatalog() {
  return CatalogWith({
      "CREATE STREAM L (A INT KEY, B INT, C INT) WITH (kafka_topic='l', value_format='JSON');",
      "CREATE STREAM R (A INT KEY, B INT, C INT) WITH (kafka_topic='r', value_format='JSON');",
      "CREATE TABLE T (ID INT PRIMARY KEY, X STRING) WITH (kafka_topic='t', value_format='JSON');",
      "CREATE TABLE U (ID INT PRIMARY KEY, Y STRING) WITH (kafka_topic='u', value_format='JSON');",
  });
}

LogicalPlan BindAs(const Catalog& catalog, const std::string& sql) {
  const ast::Statement statement = parser::ParseStatement(sql);
  const auto* create = statement.As<ast::CreateSourceAs>();
  REQUIRE(create != nullptr);
  return BindCreateSourceAs(*create, catalog, functions::FunctionRegistry::BuiltIn(), sql, 1);
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
  TEST_CASE("SELECT * of a join names columns <SOURCE>_<COLUMN>, keyed by the join key") {
    // "matching columns in both sides = select *".
    const LogicalPlan plan =
        BindAs(JoinCatalog(),
               "CREATE STREAM OUTPUT AS SELECT * FROM L JOIN R WITHIN 10 SECONDS ON L.A = R.A;");
    CHECK(DescribeSchema(plan.output_schema) ==
          "`L_A` INTEGER KEY, `L_B` INTEGER, `L_C` INTEGER, `R_A` INTEGER, `R_B` INTEGER, "
          "`R_C` INTEGER");
    REQUIRE(plan.joins.size() == 1);
    CHECK(plan.joins[0].kind == JoinKind::kStreamStream);
    CHECK(plan.joins[0].within->before_ms == 10000);
  }

  TEST_CASE("the join key is the first column of the condition that SELECT names") {
    // "inner join - with right join column in projection": only R.A is a column.
    CHECK(DescribeSchema(
              BindAs(JoinCatalog(),
                     "CREATE STREAM OUTPUT AS SELECT L.*, R.* FROM L JOIN R WITHIN 10 SECONDS "
                     "ON ABS(L.A) = R.A;")
                  .output_schema) ==
          "`R_A` INTEGER KEY, `L_A` INTEGER, `L_B` INTEGER, `L_C` INTEGER, `R_B` INTEGER, "
          "`R_C` INTEGER");
    // An unaliased column is prefixed only when several sources have that name.
    CHECK(DescribeSchema(BindAs(JoinCatalog(),
                                "CREATE STREAM OUTPUT AS SELECT L.A, L.B, X FROM L JOIN T ON "
                                "L.B = T.ID;")
                             .output_schema) == "`B` INTEGER KEY, `A` INTEGER, `X` STRING");
  }

  TEST_CASE("a FULL OUTER join or a condition on expressions has a synthetic ROWKEY") {
    // "full join - missing synthetic join column in projection".
    CHECK(Contains(BindAsError(JoinCatalog(),
                               "CREATE STREAM OUTPUT AS SELECT L.B, R.* FROM L FULL OUTER JOIN R "
                               "WITHIN 10 SECONDS ON L.A = R.A;"),
                   "The query used to build `OUTPUT` must include the join expression ROWKEY in "
                   "its projection (eg, SELECT ROWKEY...).\nROWKEY was added as a synthetic key "
                   "column because the join criteria did not match any source column."));
    const LogicalPlan plan = BindAs(JoinCatalog(),
                                    "CREATE STREAM OUTPUT AS SELECT ROWKEY AS K, L.B FROM L JOIN R "
                                    "WITHIN 10 SECONDS ON ABS(L.A) = ABS(R.A);");
    CHECK(DescribeSchema(plan.output_schema) == "`K` INTEGER KEY, `L_B` INTEGER");
  }

  TEST_CASE("a missing join key names the columns that may be selected") {
    // "inner join - missing join columns in projection".
    CHECK(Contains(BindAsError(JoinCatalog(),
                               "CREATE STREAM OUTPUT AS SELECT L.B, L.C, R.B, R.C FROM L JOIN R "
                               "WITHIN 10 SECONDS ON L.A = R.A;"),
                   "The query used to build `OUTPUT` must include the join expressions L.A or "
                   "R.A in its projection (eg, SELECT L.A...)."));
    // "key in projection more than once".
    CHECK(BindAsError(JoinCatalog(),
                      "CREATE STREAM OUTPUT AS SELECT L.A, L.A AS KEY2, L.C, R.C FROM L JOIN R "
                      "WITHIN 10 SECONDS ON L.A = R.A;") ==
          "The projection contains a key column (`L_A`) more than once, aliased as: KEY2 and "
          "L_A.");
  }

  TEST_CASE("join kinds follow ksqlDB's rules") {
    const Catalog catalog = JoinCatalog();
    CHECK(Contains(BindAsError(catalog, "CREATE STREAM O AS SELECT * FROM L JOIN R ON L.A = R.A;"),
                   "Stream-Stream joins must have a WITHIN clause specified."));
    CHECK(Contains(BindAsError(catalog,
                               "CREATE STREAM O AS SELECT * FROM L JOIN T WITHIN 1 SECOND ON "
                               "L.A = T.ID;"),
                   "A window definition was provided for a Stream-Table join."));
    CHECK(BindAsError(catalog, "CREATE TABLE O AS SELECT * FROM T JOIN L ON T.ID = L.A;") ==
          "Invalid join order: table-stream joins are not supported; only stream-table joins. "
          "Got T [INNER] JOIN L.");
    CHECK(BindAsError(catalog, "CREATE STREAM O AS SELECT * FROM L JOIN T ON L.A = T.X;") ==
          "Invalid join condition: stream-table joins require to join on the table's primary "
          "key. Got L.A = T.X.");
    CHECK(BindAsError(catalog, "CREATE STREAM O AS SELECT * FROM L FULL JOIN T ON L.A = T.ID;") ==
          "Invalid join type: full-outer join not supported for stream-table join. Got L "
          "[FULL] OUTER JOIN T.");
    CHECK(BindAs(catalog, "CREATE TABLE O AS SELECT * FROM T LEFT JOIN U ON T.ID = U.ID;")
              .joins[0]
              .kind == JoinKind::kTableTable);
  }

  TEST_CASE("the ON condition: one source per side, equality only") {
    const Catalog catalog = JoinCatalog();
    // "stream stream left join - invalid join field - contains literal".
    CHECK(BindAsError(catalog,
                      "CREATE STREAM O AS SELECT * FROM L LEFT JOIN R WITHIN 1 SECOND ON L.A = "
                      "0;") ==
          "Invalid comparison expression '0' in join '(L.A = 0)'. Each side of the join "
          "comparision must contain references from exactly one source.");
    // "should not allow complex join conditions".
    CHECK(Contains(BindAsError(catalog,
                               "CREATE STREAM O AS SELECT * FROM L JOIN R WITHIN 1 SECOND ON "
                               "L.A = R.A AND L.B = R.B;"),
                   "joins on multiple conditions are not yet supported"));
    // "Should fail on ambiguous join attribute" / "unknown qualifier".
    CHECK(BindAsError(catalog, "CREATE TABLE O AS SELECT * FROM T JOIN U ON ID = ID;") ==
          "Column 'ID' is ambiguous. Could be T.ID or U.ID.");
    CHECK(BindAsError(catalog, "CREATE TABLE O AS SELECT * FROM T JOIN U ON NOPE.ID = U.ID;") ==
          "Failed to prepare statement: 'NOPE' is not a valid stream/table name or alias.");
    // "self join".
    CHECK(BindAsError(catalog,
                      "CREATE STREAM O AS SELECT * FROM L L1 JOIN L L2 WITHIN 1 SECOND ON L1.A "
                      "= L2.A;") == "Can not join 'L' to 'L': self joins are not yet supported.");
  }

  TEST_CASE("EXPLAIN shows each join with its inputs") {
    const LogicalPlan plan =
        BindAs(JoinCatalog(),
               "CREATE STREAM O AS SELECT L.A, X FROM L LEFT JOIN T ON L.A = T.ID WHERE X <> 'a';");
    const std::string text = ExplainPlan(PlanPhysical(plan, "CSAS_O_0"));
    CHECK(Contains(text, "[ STREAM-TABLE JOIN (join.v1) ] | LEFT [OUTER] JOIN on "));
    CHECK(Contains(text, "right: topic: t"));
    CHECK(Contains(text, "left: topic: l"));
  }

  TEST_CASE("a push query over a join need not select the join key") {
    const ast::Statement statement =
        parser::ParseStatement("SELECT L.B, X FROM L JOIN T ON L.A = T.ID EMIT CHANGES;");
    const auto* query = statement.As<ast::QueryStatement>();
    REQUIRE(query != nullptr);
    const LogicalPlan plan = BindPushQuery(
        query->query, JoinCatalog(), functions::FunctionRegistry::BuiltIn(), "transient_1");
    CHECK(DescribeSchema(plan.output_schema) == "`B` INTEGER, `X` STRING");
  }

  TEST_CASE("a multi-way join keys each join by its condition") {
    const LogicalPlan plan = BindAs(JoinCatalog(),
                                    "CREATE STREAM O AS SELECT L.B, X, Y FROM L JOIN T ON L.A = "
                                    "T.ID JOIN U ON L.B = U.ID;");
    REQUIRE(plan.joins.size() == 2);
    CHECK(plan.joins[0].kind == JoinKind::kStreamTable);
    CHECK(plan.joins[1].left_skip == 1);  // The first join's key is not copied.
    CHECK(DescribeSchema(plan.output_schema) == "`B` INTEGER KEY, `X` STRING, `Y` STRING");
  }
}

}  // namespace fluxo::planner
