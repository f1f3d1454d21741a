// Which WHERE clauses of a pull query become key lookups, and with which keys.

#include "runtime/engine/pull_query_keys.h"

#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "planner/binder/expression_binder.h"

namespace fluxo::engine {

namespace {

// A table T(K1 BIGINT KEY, K2 STRING KEY, V INT).
LogicalSchema TwoKeySchema() {
  return LogicalSchema({{"K1", SqlType::Bigint(), ColumnNamespace::kKey, ""},
                        {"K2", SqlType::String(), ColumnNamespace::kKey, ""},
                        {"V", SqlType::Int(), ColumnNamespace::kValue, ""}});
}

// A table U(ID INT KEY, V INT).
LogicalSchema OneKeySchema() {
  return LogicalSchema({{"ID", SqlType::Int(), ColumnNamespace::kKey, ""},
                        {"V", SqlType::Int(), ColumnNamespace::kValue, ""}});
}

std::optional<std::vector<ValueList>> Keys(const LogicalSchema& schema, const std::string& where) {
  static const planner::Catalog kCatalog;
  planner::ExpressionScope scope;
  for (size_t i = 0; i < schema.columns().size(); ++i) {
    scope.columns.push_back({"T", schema.columns()[i].name, i, schema.columns()[i].type});
  }
  const planner::ExpressionBinder binder(scope, kCatalog, functions::FunctionRegistry::BuiltIn());
  return KeysPinnedBy(binder.BindCondition(parser::ParseExpression(where), "WHERE"), schema);
}

}  // namespace

TEST_SUITE("engine") {
  TEST_CASE("key equalities and IN lists become lookups of the key as its column stores it") {
    // The INT literal 5 is looked up as the BIGINT 5 the key column holds.
    CHECK(Keys(TwoKeySchema(), "K1 = 5 AND K2 = 'a'") ==
          std::vector<ValueList>{{Value::Int64(5), Value::String("a")}});
    CHECK(Keys(TwoKeySchema(), "'a' = K2 AND 5 = K1 AND V > 3") ==
          std::vector<ValueList>{{Value::Int64(5), Value::String("a")}});
    // Every combination, in the order written; repeats read once.
    CHECK(Keys(TwoKeySchema(), "K1 IN (1, 2, 1) AND K2 IN ('x', 'y')") ==
          std::vector<ValueList>{{Value::Int64(1), Value::String("x")},
                                 {Value::Int64(1), Value::String("y")},
                                 {Value::Int64(2), Value::String("x")},
                                 {Value::Int64(2), Value::String("y")}});
    CHECK(Keys(OneKeySchema(), "ID = 2 + 3") == std::vector<ValueList>{{Value::Int32(5)}});
    CHECK(Keys(OneKeySchema(), "ID = -7") == std::vector<ValueList>{{Value::Int32(-7)}});
  }

  TEST_CASE("other WHERE clauses scan the table") {
    CHECK_FALSE(Keys(TwoKeySchema(), "K1 = 5").has_value());  // K2 is not pinned.
    CHECK_FALSE(Keys(TwoKeySchema(), "K1 = 5 OR K2 = 'a'").has_value());
    CHECK_FALSE(Keys(OneKeySchema(), "ID > 5").has_value());
    CHECK_FALSE(Keys(OneKeySchema(), "ID NOT IN (1, 2)").has_value());
    CHECK_FALSE(Keys(OneKeySchema(), "ID = V").has_value());
    CHECK_FALSE(Keys(OneKeySchema(), "V = 1").has_value());
    // Compared as a DOUBLE, the INT key is cast: 2.5 pins no INT key, so the table is scanned
    // (and the comparison decides, row by row).
    CHECK_FALSE(Keys(OneKeySchema(), "ID = 2.5E0").has_value());
    CHECK_FALSE(Keys(OneKeySchema(), "ID + 0 = 5").has_value());
  }
}

}  // namespace fluxo::engine
