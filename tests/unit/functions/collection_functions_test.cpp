#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

const SqlTypePtr kIntArray = SqlType::Array(SqlType::Int());
const SqlTypePtr kIntMap = SqlType::Map(SqlType::String(), SqlType::Int());

Value Ints(std::initializer_list<int32_t> values) {
  ValueList list;
  for (const int32_t value : values) {
    list.push_back(value < 0 ? Null() : I(value));
  }
  return List(std::move(list));
}

Value Slice(Value array, Value start, Value end) {
  return Call("SLICE", {kIntArray, kInt, kInt}, {std::move(array), start, end});
}

}  // namespace

TEST_CASE("ARRAY_LENGTH") {
  CHECK(Call("ARRAY_LENGTH", {kIntArray}, {Ints({1, 2, 3})}) == I(3));
  CHECK(Call("ARRAY_LENGTH", {kIntArray}, {Ints({})}) == I(0));
  CHECK(Call("ARRAY_LENGTH", {kIntArray}, {Null()}) == Null());
  CHECK_FALSE(FunctionRegistry::BuiltIn().Resolve("ARRAY_LENGTH", {kInt}).has_value());
}

TEST_CASE("ARRAY_CONTAINS is false for a NULL array") {
  CHECK(Call("ARRAY_CONTAINS", {kIntArray, kInt}, {Ints({1, 2}), I(2)}) == B(true));
  CHECK(Call("ARRAY_CONTAINS", {kIntArray, kInt}, {Ints({1, 2}), I(3)}) == B(false));
  CHECK(Call("ARRAY_CONTAINS", {kIntArray, kInt}, {Ints({1, -1}), Null()}) == B(true));
  CHECK(Call("ARRAY_CONTAINS", {kIntArray, kInt}, {Null(), I(1)}) == B(false));
  // The element and the value meet at the wider type.
  const auto widened = ResolveOrFail("ARRAY_CONTAINS", {kIntArray, kBigint});
  CHECK(widened.parameter_types[0]->ToString() == "ARRAY<BIGINT>");
}

TEST_CASE("ARRAY_DISTINCT keeps the first occurrences") {
  CHECK(Call("ARRAY_DISTINCT", {kIntArray}, {Ints({3, 1, 3, -1, 1, -1})}) == Ints({3, 1, -1}));
  CHECK(Call("ARRAY_DISTINCT", {kIntArray}, {Null()}) == Null());
}

TEST_CASE("SLICE is 1-based and inclusive") {
  CHECK(Slice(Ints({1, 2, 3, 4}), I(2), I(3)) == Ints({2, 3}));
  CHECK(Slice(Ints({1, 2, 3, 4}), Null(), I(2)) == Ints({1, 2}));
  CHECK(Slice(Ints({1, 2, 3, 4}), I(3), Null()) == Ints({3, 4}));
  CHECK(Slice(Ints({1, 2, 3, 4}), I(0), I(2)) == Null());
  CHECK(Slice(Ints({1, 2, 3, 4}), I(2), I(5)) == Null());
  CHECK(Slice(Ints({1, 2, 3, 4}), I(3), I(2)) == Ints({}));
  CHECK(Slice(Null(), I(1), I(2)) == Null());
}

TEST_CASE("MAP_KEYS and MAP_VALUES") {
  const Value map = Value::Pairs({{S("a"), I(1)}, {S("b"), I(2)}});
  CHECK(Call("MAP_KEYS", {kIntMap}, {map}) == List({S("a"), S("b")}));
  CHECK(Call("MAP_VALUES", {kIntMap}, {map}) == Ints({1, 2}));
  CHECK(ReturnType("MAP_VALUES", {kIntMap}) == "ARRAY<INTEGER>");
  CHECK(Call("MAP_KEYS", {kIntMap}, {Null()}) == Null());
  CHECK(Call("MAP_VALUES", {kIntMap}, {Null()}) == Null());
}

}  // namespace fluxo::functions::testing
