#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {
namespace {

AggregateArgument K(int32_t value) {
  return Literal(SqlType::Int(), I(value));
}

Value Entry(Value sort, Value other) {
  return List({std::move(sort), std::move(other)});
}

}  // namespace

TEST_CASE("TOPK keeps the k largest values, duplicates included (topk-group-by.json)") {
  auto topk = Make("TOPK", {Column(SqlType::Int()), K(3)});
  CHECK(topk->num_column_arguments() == 1);
  CHECK(*topk->result_type() == *SqlType::Array(SqlType::Int()));
  CHECK_FALSE(topk->SupportsUndo());
  Group group(topk);
  CHECK(group.Result() == List({}));
  CHECK(group.Add(I(0)) == List({I(0)}));
  CHECK(group.Add(I(100)) == List({I(100), I(0)}));
  CHECK(group.Add(I(99)) == List({I(100), I(99), I(0)}));
  CHECK(group.Add(I(7)) == List({I(100), I(99), I(7)}));
  CHECK(group.Add(I(100)) == List({I(100), I(100), I(99)}));
  CHECK(group.Add(Null()) == List({I(100), I(100), I(99)}));
  CHECK(group.Add(I(99)) == List({I(100), I(100), I(99)}));
}

TEST_CASE("TOPK of DOUBLE and STRING") {
  Group doubles(Make("TOPK", {Column(SqlType::Double()), K(3)}));
  doubles.Add(D(2147483648.9));
  doubles.Add(D(100.5));
  CHECK(doubles.Add(D(99.9)) == List({D(2147483648.9), D(100.5), D(99.9)}));
  CHECK(doubles.Add(D(7.3)) == List({D(2147483648.9), D(100.5), D(99.9)}));
  CHECK(doubles.Add(D(100.5)) == List({D(2147483648.9), D(100.5), D(100.5)}));

  Group strings(Make("TOPK", {Column(SqlType::String()), K(3)}));
  CHECK(strings.Add(S("a")) == List({S("a")}));
  CHECK(strings.Add(S("c")) == List({S("c"), S("a")}));
  CHECK(strings.Add(S("b")) == List({S("c"), S("b"), S("a")}));
  CHECK(strings.Add(S("d")) == List({S("d"), S("c"), S("b")}));
}

TEST_CASE("TOPK with other columns returns structs (topk-group-by.json 'topk integer struct')") {
  auto topk = Make("TOPK", {Column(SqlType::Int()), Column(SqlType::String()), K(3)});
  CHECK(topk->num_column_arguments() == 2);
  CHECK(*topk->result_type() == *SqlType::Array(SqlType::Struct(
                                    {{"sort_col", SqlType::Int()}, {"col0", SqlType::String()}})));
  Group group(topk);
  CHECK(group.Add(ValueList{I(0), S("zero")}) == List({Entry(I(0), S("zero"))}));
  CHECK(group.Add(ValueList{I(100), S("one")}) ==
        List({Entry(I(100), S("one")), Entry(I(0), S("zero"))}));
  CHECK(group.Add(ValueList{I(99), S("two")}) ==
        List({Entry(I(100), S("one")), Entry(I(99), S("two")), Entry(I(0), S("zero"))}));
  CHECK(group.Add(ValueList{Null(), S("three")}) ==
        List({Entry(I(100), S("one")), Entry(I(99), S("two")), Entry(I(0), S("zero"))}));
  // An equal value goes after the one already there.
  CHECK(group.Add(ValueList{I(100), Null()}) ==
        List({Entry(I(100), S("one")), Entry(I(100), Null()), Entry(I(99), S("two"))}));
}

TEST_CASE("TOPK with two other columns names them col0 and col1") {
  auto topk =
      Make("TOPK",
           {Column(SqlType::Bigint()), Column(SqlType::String()), Column(SqlType::Double()), K(2)});
  CHECK(*topk->result_type() == *SqlType::Array(SqlType::Struct({{"sort_col", SqlType::Bigint()},
                                                                 {"col0", SqlType::String()},
                                                                 {"col1", SqlType::Double()}})));
  Group group(topk);
  group.Add(ValueList{L(1), S("x"), D(0.5)});
  CHECK(group.Add(ValueList{L(2), S("y"), D(1.5)}) ==
        List({List({L(2), S("y"), D(1.5)}), List({L(1), S("x"), D(0.5)})}));
}

TEST_CASE("TOPK merges two sorted states, the first one winning ties") {
  auto topk = Make("TOPK", {Column(SqlType::Int()), K(3)});
  CHECK(topk->Merge(List({I(5), I(3), I(1)}), List({I(4), I(3), I(2)})) ==
        List({I(5), I(4), I(3)}));
  CHECK(topk->Merge(List({}), List({I(4)})) == List({I(4)}));
  CHECK(topk->Merge(List({I(4)}), List({})) == List({I(4)}));
  auto structs = Make("TOPK", {Column(SqlType::Int()), Column(SqlType::String()), K(2)});
  CHECK(structs->Merge(List({Entry(I(3), S("L"))}), List({Entry(I(3), S("R"))})) ==
        List({Entry(I(3), S("L")), Entry(I(3), S("R"))}));
}

TEST_CASE("TOPK needs a literal k of at least 1 and a sortable column") {
  CHECK(CreateError("TOPK", {Column(SqlType::Int()), Column(SqlType::Int())}) ==
        "Parameter 2 passed to function TOPK must be a literal INT");
  CHECK(CreateError("TOPK", {Column(SqlType::Int()), K(0)}) ==
        "TOPK needs k of at least 1, but k was 0");
  CHECK(CreateError("TOPK", {Column(SqlType::Boolean()), K(3)}) ==
        "Function 'TOPK' does not accept parameters (BOOLEAN, INTEGER)");
  CHECK(CreateError("TOPK", {Column(SqlType::Int())}) ==
        "Function 'TOPK' does not accept parameters (INTEGER)");
}

TEST_CASE("TOPKDISTINCT keeps the k largest distinct values (tumbling-windows.json)") {
  auto distinct = Make("TOPKDISTINCT", {Column(SqlType::Double()), K(2)});
  CHECK(*distinct->result_type() == *SqlType::Array(SqlType::Double()));
  Group window(distinct);
  CHECK(window.Add(D(0)) == List({D(0)}));
  CHECK(window.Add(D(100)) == List({D(100), D(0)}));
  CHECK(window.Add(D(10)) == List({D(100), D(10)}));
  CHECK(window.Add(D(100)) == List({D(100), D(10)}));
  CHECK(window.Add(Null()) == List({D(100), D(10)}));
  Group next_window(distinct);
  CHECK(next_window.Add(D(100)) == List({D(100)}));
}

TEST_CASE("TOPKDISTINCT treats numerically equal decimals as one value") {
  Group group(Make("TOPKDISTINCT", {Column(SqlType::Decimal(4, 2)), K(3)}));
  group.Add(Dec(10, 1));                                // 1.0
  CHECK(group.Add(Dec(100, 2)) == List({Dec(10, 1)}));  // 1.00
  CHECK(group.Add(Dec(5, 1)) == List({Dec(10, 1), Dec(5, 1)}));
}

TEST_CASE("TOPKDISTINCT merges distinct values") {
  auto distinct = Make("TOPKDISTINCT", {Column(SqlType::Int()), K(2)});
  CHECK(distinct->Merge(List({I(100), I(10)}), List({I(50), I(10)})) == List({I(100), I(50)}));
  CHECK(distinct->Merge(List({I(3)}), List({I(3)})) == List({I(3)}));
  CHECK(CreateError("TOPKDISTINCT", {Column(SqlType::Int()), Column(SqlType::String()), K(2)}) ==
        "Function 'TOPKDISTINCT' does not accept parameters (INTEGER, STRING, INTEGER)");
}

}  // namespace fluxo::aggregates::testing
