// Expected values come from ksqlDB's null.json vectors.
#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

const SqlTypePtr kIntArray = SqlType::Array(SqlType::Int());

Value Ints(std::initializer_list<int32_t> values) {
  ValueList list;
  for (const int32_t value : values) {
    list.push_back(I(value));
  }
  return List(std::move(list));
}

}  // namespace

TEST_CASE("COALESCE returns the first non-NULL argument") {
  const std::vector<SqlTypePtr> ints = {kInt, kInt, kInt, kInt};
  CHECK(Call("COALESCE", ints, {I(1), I(2), I(1), I(2)}) == I(1));
  CHECK(Call("COALESCE", ints, {Null(), Null(), Null(), Null()}) == Null());
  CHECK(Call("COALESCE", ints, {Null(), I(2), Null(), I(2)}) == I(2));
  CHECK(Call("COALESCE", {kString, kString}, {Null(), S("x")}) == S("x"));
  CHECK(Call("COALESCE", {kString, kString}, {S("not null"), S("x")}) == S("not null"));
  CHECK(Call("COALESCE", {kIntArray, kIntArray}, {Null(), Ints({10, 20})}) == Ints({10, 20}));
  CHECK(Call("COALESCE", {kInt}, {Null()}) == Null());
  CHECK(Call("COALESCE", {kString, kNullLiteral}, {Null(), Null()}) == Null());
  CHECK(ReturnType("COALESCE", {kIntArray, kIntArray}) == "ARRAY<INTEGER>");
}

TEST_CASE("COALESCE resolution") {
  const FunctionRegistry& registry = FunctionRegistry::BuiltIn();
  CHECK_FALSE(registry.Resolve("COALESCE", {}).has_value());
  CHECK_FALSE(registry.Resolve("COALESCE", {kNullLiteral}).has_value());
  CHECK_FALSE(registry.Resolve("COALESCE", {kString, kInt}).has_value());
  // Arguments of different numeric types meet at the wider one.
  const auto widened = registry.Resolve("COALESCE", {kInt, kBigint});
  REQUIRE(widened.has_value());
  CHECK(widened->return_type->ToString() == "BIGINT");
  CHECK(widened->parameter_types[0]->ToString() == "BIGINT");
}

TEST_CASE("IFNULL returns the alternative for NULL") {
  CHECK(Call("IFNULL", {kInt, kInt}, {I(1), I(10)}) == I(1));
  CHECK(Call("IFNULL", {kInt, kInt}, {Null(), I(10)}) == I(10));
  CHECK(Call("IFNULL", {kString, kString}, {Null(), S("x")}) == S("x"));
  CHECK(Call("IFNULL", {kIntArray, kIntArray}, {Ints({1, 2, 3}), Ints({10, 20})}) ==
        Ints({1, 2, 3}));
  CHECK(Call("IFNULL", {kIntArray, kIntArray}, {Null(), Ints({10, 20})}) == Ints({10, 20}));
  CHECK(Call("IFNULL", {kInt, kInt}, {Null(), Null()}) == Null());
  CHECK(ReturnType("IFNULL", {kString, kString}) == "STRING");
}

TEST_CASE("NULLIF returns NULL for equal arguments") {
  CHECK(Call("NULLIF", {kInt, kInt}, {I(1), I(10)}) == I(1));
  CHECK(Call("NULLIF", {kInt, kInt}, {Null(), I(10)}) == Null());
  CHECK(Call("NULLIF", {kInt, kInt}, {I(10), I(10)}) == Null());
  CHECK(Call("NULLIF", {kInt, kInt}, {I(10), Null()}) == I(10));
  CHECK(Call("NULLIF", {kString, kString}, {S("not null"), S("x")}) == S("not null"));
  CHECK(Call("NULLIF", {kString, kString}, {S("x"), S("x")}) == Null());
  CHECK(Call("NULLIF", {kString, kString}, {S("X"), S("x")}) == S("X"));
  CHECK(Call("NULLIF", {kString, kString}, {Null(), S("x")}) == Null());
  CHECK(Call("NULLIF", {kIntArray, kIntArray}, {Ints({1, 2, 3}), Ints({1, 2, 3})}) == Null());
  CHECK(Call("NULLIF", {kIntArray, kIntArray}, {Ints({4, 5, 6}), Ints({1, 2, 3})}) ==
        Ints({4, 5, 6}));
  CHECK(Call("NULLIF", {kIntArray, kIntArray}, {Ints({}), Ints({1, 2, 3})}) == Ints({}));
}

TEST_CASE("AS_VALUE returns its argument with its type") {
  const SqlTypePtr row = SqlType::Struct({{"F1", kInt}, {"F2", kString}});
  CHECK(Call("AS_VALUE", {kString}, {S("k")}) == S("k"));
  CHECK(Call("AS_VALUE", {kInt}, {Null()}) == Null());
  CHECK(Call("AS_VALUE", {row}, {List({I(1), S("a")})}) == List({I(1), S("a")}));
  CHECK(ReturnType("AS_VALUE", {row}) == row->ToString());
  CHECK(ReturnType("AS_VALUE", {SqlType::Decimal(5, 2)}) == "DECIMAL(5, 2)");
}

}  // namespace fluxo::functions::testing
