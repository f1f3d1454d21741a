// The expression binder and the evaluator together: SQL text in, typed tree, value out.

#include "planner/binder/expression_binder.h"

#include <string>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "runtime/core/error.h"
#include "runtime/expr/evaluator.h"

namespace fluxo::planner {

namespace {

// A row of a source T(ID INT, PRICE DOUBLE, NAME STRING, QTY BIGINT, FLAG BOOLEAN,
// TAGS ARRAY<STRING>, ATTRS MAP<STRING, INT>, ADDR STRUCT<CITY STRING>, MISSING INT).
ExpressionScope Scope() {
  ExpressionScope scope;
  const std::vector<std::pair<std::string, SqlTypePtr>> columns = {
      {"ID", SqlType::Int()},
      {"PRICE", SqlType::Double()},
      {"NAME", SqlType::String()},
      {"QTY", SqlType::Bigint()},
      {"FLAG", SqlType::Boolean()},
      {"TAGS", SqlType::Array(SqlType::String())},
      {"ATTRS", SqlType::Map(SqlType::String(), SqlType::Int())},
      {"ADDR", SqlType::Struct({{"CITY", SqlType::String()}})},
      {"MISSING", SqlType::Int()},
  };
  for (size_t i = 0; i < columns.size(); ++i) {
    scope.columns.push_back({"T", columns[i].first, i, columns[i].second});
  }
  return scope;
}

Row SampleRow() {
  Row row;
  row.values = {Value::Int32(7),
                Value::Double(2.5),
                Value::String("widget"),
                Value::Int64(3),
                Value::Boolean(true),
                Value::List({Value::String("a"), Value::String("b")}),
                Value::Pairs({{Value::String("k"), Value::Int32(9)}}),
                Value::List({Value::String("Lisbon")}),
                Value()};
  row.timestamp = 1000;
  row.partition = 2;
  row.offset = 42;
  return row;
}

expr::BoundExpressionPtr Bind(const std::string& sql) {
  static const Catalog kCatalog;
  const ExpressionScope scope = Scope();
  const ExpressionBinder binder(scope, kCatalog, functions::FunctionRegistry::BuiltIn());
  return binder.Bind(parser::ParseExpression(sql));
}

Value Evaluate(const std::string& sql) {
  return expr::CompileExpression(Bind(sql))->Evaluate(SampleRow());
}

std::string TypeOf(const std::string& sql) {
  const expr::BoundExpressionPtr bound = Bind(sql);
  return bound->type ? bound->type->ToString() : "NULL";
}

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
  TEST_CASE("columns resolve by name or qualified name, with hints when they do not") {
    CHECK(Evaluate("id") == Value::Int32(7));
    CHECK(Evaluate("t.name") == Value::String("widget"));
    CHECK(BindError("pricee") ==
          "line 1:1: Column 'PRICEE' cannot be resolved. Did you mean 'PRICE'?");
    CHECK(BindError("id + colour") == "line 1:6: Column 'COLOUR' cannot be resolved.");
    CHECK(BindError("u.id") == "line 1:1: Column 'U.ID' cannot be resolved.");
  }

  TEST_CASE("pseudocolumns") {
    CHECK(Evaluate("ROWTIME") == Value::Int64(1000));
    CHECK(Evaluate("ROWPARTITION") == Value::Int32(2));
    CHECK(Evaluate("ROWOFFSET") == Value::Int64(42));
    CHECK(BindError("WINDOWSTART").find("cannot be resolved") != std::string::npos);
  }

  TEST_CASE("a windowed source's rows have WINDOWSTART and WINDOWEND") {
    // session-windows.json "session start stream" filters on WINDOWSTART = WINDOWEND.
    static const Catalog kCatalog;
    ExpressionScope scope = Scope();
    scope.windowed = true;
    const ExpressionBinder binder(scope, kCatalog, functions::FunctionRegistry::BuiltIn());
    const auto evaluate = [&](const std::string& sql, const Row& row) {
      return expr::CompileExpression(binder.Bind(parser::ParseExpression(sql)))->Evaluate(row);
    };
    Row row = SampleRow();
    row.window = WindowBounds{1000, 2000};
    CHECK(evaluate("WINDOWSTART", row) == Value::Int64(1000));
    CHECK(evaluate("WINDOWEND", row) == Value::Int64(2000));
    CHECK(evaluate("WINDOWSTART = WINDOWEND", row) == Value::Boolean(false));
    row.window.reset();
    CHECK(evaluate("WINDOWSTART", row).IsNull());
  }

  TEST_CASE("arithmetic widens as ksqlDB does") {
    CHECK(TypeOf("id + 1") == "INTEGER");
    CHECK(TypeOf("id + qty") == "BIGINT");
    CHECK(TypeOf("id * price") == "DOUBLE");
    CHECK(Evaluate("id + qty") == Value::Int64(10));
    CHECK(Evaluate("price * 2") == Value::Double(5.0));
    CHECK(Evaluate("id + missing").IsNull());
    CHECK(BindError("name - 1")
              .starts_with("line 1:1: Unsupported arithmetic types: STRING and "
                           "INTEGER"));
  }

  TEST_CASE("comparisons as ksqlDB evaluates them, and three-valued AND / OR / NOT") {
    CHECK(Evaluate("id = 7") == Value::Boolean(true));
    CHECK(Evaluate("price > id") == Value::Boolean(false));
    // ksqlDB: comparing with NULL is FALSE, not unknown (QTT null.json "null equals").
    CHECK(Evaluate("missing = 1") == Value::Boolean(false));
    CHECK(Evaluate("missing <> 1") == Value::Boolean(false));
    CHECK(Evaluate("missing IS DISTINCT FROM 1") == Value::Boolean(true));
    CHECK(Evaluate("missing IS NOT DISTINCT FROM NULL") == Value::Boolean(true));
    // NULL AND FALSE is FALSE; NULL AND TRUE is NULL; NULL OR TRUE is TRUE; NOT NULL is NULL.
    CHECK(Evaluate("CAST(NULL AS BOOLEAN) AND id = 0") == Value::Boolean(false));
    CHECK(Evaluate("CAST(NULL AS BOOLEAN) AND id = 7").IsNull());
    CHECK(Evaluate("CAST(NULL AS BOOLEAN) OR id = 7") == Value::Boolean(true));
    CHECK(Evaluate("CAST(NULL AS BOOLEAN) OR id = 0").IsNull());
    CHECK(Evaluate("NOT CAST(NULL AS BOOLEAN)").IsNull());
    CHECK(Evaluate("id BETWEEN 1 AND 7") == Value::Boolean(true));
    CHECK(Evaluate("id NOT BETWEEN 1 AND 7") == Value::Boolean(false));
    CHECK(Evaluate("id IN (1, 7)") == Value::Boolean(true));
    CHECK(Evaluate("id IN (1, NULL)").IsNull());
    CHECK(Evaluate("id NOT IN (1, 2)") == Value::Boolean(true));
    CHECK(Evaluate("missing IS NULL") == Value::Boolean(true));
    CHECK(BindError("flag AND id").starts_with("line 1:1: AND requires a BOOLEAN operand"));
  }

  TEST_CASE("LIKE") {
    CHECK(Evaluate("name LIKE 'wid%'") == Value::Boolean(true));
    CHECK(Evaluate("name LIKE '_idget'") == Value::Boolean(true));
    CHECK(Evaluate("name NOT LIKE '%x%'") == Value::Boolean(true));
    CHECK(Evaluate("name LIKE 'w!%' ESCAPE '!'") == Value::Boolean(false));
  }

  TEST_CASE("CASE evaluates only the branch it takes") {
    CHECK(BindError("CASE WHEN id > 5 THEN 1 ELSE 2.5E0 END")
              .starts_with("line 1:1: Invalid Case expression. Type for all 'THEN' clauses should "
                           "be the same."));
    CHECK(TypeOf("CASE WHEN id > 5 THEN 1 ELSE NULL END") == "INTEGER");
    CHECK(Evaluate("CASE WHEN id > 5 THEN 'big' ELSE 'small' END") == Value::String("big"));
    CHECK(Evaluate("CASE WHEN id > 50 THEN 'big' END").IsNull());
    CHECK(Evaluate("CASE id WHEN 7 THEN 'seven' ELSE 'other' END") == Value::String("seven"));
    // The untaken branch would divide by zero.
    CHECK(Evaluate("CASE WHEN id = 7 THEN 1 ELSE id / 0 END") == Value::Int32(1));
  }

  TEST_CASE("collections and structs") {
    CHECK(Evaluate("tags[1]") == Value::String("a"));
    CHECK(Evaluate("tags[-1]") == Value::String("b"));
    CHECK(Evaluate("tags[3]").IsNull());
    CHECK(Evaluate("attrs['k']") == Value::Int32(9));
    CHECK(Evaluate("attrs['z']").IsNull());
    CHECK(Evaluate("addr->city") == Value::String("Lisbon"));
    CHECK(BindError("addr->town") ==
          "line 1:7: Could not find field 'TOWN' in 'STRUCT<`CITY` STRING>'");
    CHECK(TypeOf("ARRAY[id, qty]") == "ARRAY<BIGINT>");
    CHECK(Evaluate("ARRAY[id, 1]") == Value::List({Value::Int32(7), Value::Int32(1)}));
    CHECK(TypeOf("MAP('a' := 1)") == "MAP<STRING, INTEGER>");
    CHECK(TypeOf("STRUCT(A := id, B := name)") == "STRUCT<`A` INTEGER, `B` STRING>");
  }

  TEST_CASE("literals take ksqlDB's types") {
    CHECK(TypeOf("1") == "INTEGER");
    CHECK(TypeOf("3000000000") == "BIGINT");
    CHECK(TypeOf("1.50") == "DECIMAL(3, 2)");
    CHECK(TypeOf("0.5") == "DECIMAL(1, 1)");
    CHECK(TypeOf("1.5E0") == "DOUBLE");
    CHECK(TypeOf("NULL") == "NULL");
    CHECK(Evaluate("1.50") == Value::Decimal({150, 2}));
  }

  TEST_CASE("functions and casts resolve with implicit widening") {
    CHECK(TypeOf("ABS(id)") == "INTEGER");
    CHECK(Evaluate("ABS(-3)") == Value::Int32(3));
    CHECK(Evaluate("UCASE(name)") == Value::String("WIDGET"));
    CHECK(Evaluate("CAST(id AS STRING)") == Value::String("7"));
    CHECK(Evaluate("CAST('12' AS INT) + 1") == Value::Int32(13));
    CHECK(BindError("NOPE(id)") == "line 1:1: Can't find any functions with the name 'NOPE'");
    CHECK(BindError("CAST(tags AS INT)") ==
          "line 1:1: Cast of ARRAY<STRING> to INTEGER is not supported");
  }

  TEST_CASE("an evaluation error names the problem") {
    CHECK_THROWS_AS(Evaluate("id / 0"), Error);
  }

  TEST_CASE("a failing CAST, nested call or constructor element is NULL where it stands") {
    // ksqlDB's nested error handling (cast.json "cast function with error to null without
    // logging error", null.json "coalesce - with parse_date").
    CHECK(Evaluate("CAST(id / 0 AS STRING)").IsNull());
    CHECK(Evaluate("IFNULL(CAST(id / 0 AS STRING), 'none')") == Value::String("none"));
    CHECK(Evaluate("ABS(ABS(id / 0))").IsNull());  // The inner call is an argument.
    CHECK(Evaluate("COALESCE(PARSE_DATE(name, 'yyyy-MM-dd'), PARSE_DATE('2003-12-24', "
                   "'yyyy-MM-dd'))") == Value::Int32(12410));
    CHECK(Evaluate("ARRAY[id / 0, 1]") == Value::List({Value(), Value::Int32(1)}));
    // Elsewhere the whole expression fails: an operator's operand, a call's own failure.
    CHECK_THROWS_AS(Evaluate("ABS(id / 0)"), Error);
    CHECK_THROWS_AS(Evaluate("id / 0 + 1"), Error);
    CHECK_THROWS_AS(Evaluate("PARSE_DATE(name, 'yyyy-MM-dd')"), Error);
  }
}

}  // namespace fluxo::planner
