#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {

TEST_CASE("COLLECT_LIST collects every value in order, NULLs included (collect-list.json)") {
  auto collect = Make("COLLECT_LIST", {Column(SqlType::Decimal(4, 1))});
  CHECK(*collect->result_type() == *SqlType::Array(SqlType::Decimal(4, 1)));
  CHECK(*collect->intermediate_type() == *SqlType::Array(SqlType::Decimal(4, 1)));
  Group group(collect);
  CHECK(group.Result() == List({}));
  CHECK(group.Add(Dec(5009, 1)) == List({Dec(5009, 1)}));
  CHECK(group.Add(Dec(3008, 1)) == List({Dec(5009, 1), Dec(3008, 1)}));
  CHECK(group.Add(Null()) == List({Dec(5009, 1), Dec(3008, 1), Null()}));
  CHECK(group.Add(Dec(3008, 1)) == List({Dec(5009, 1), Dec(3008, 1), Null(), Dec(3008, 1)}));
}

TEST_CASE("COLLECT_LIST collects structs, maps and arrays as they are") {
  const SqlTypePtr type = SqlType::Struct({{"A", SqlType::String()}, {"B", SqlType::Bigint()}});
  auto collect = Make("COLLECT_LIST", {Column(type)});
  CHECK(*collect->result_type() == *SqlType::Array(type));
  Group group(collect);
  const Value first = List({S("x"), L(1)});
  const Value second = List({Null(), L(2)});
  group.Add(first);
  CHECK(group.Add(second) == List({first, second}));
  Group maps(Make("COLLECT_LIST", {Column(SqlType::Map(SqlType::String(), SqlType::Bigint()))}));
  const Value map = Value::Pairs({{S("k"), L(1)}});
  CHECK(maps.Add(map) == List({map}));
}

TEST_CASE("COLLECT_LIST stops at ksql.functions.collect_list.limit") {
  AggregateConfig config;
  config.collect_list_limit = 1;
  Group one(Make("COLLECT_LIST", {Column(SqlType::Int())}, config));
  CHECK(one.Add(I(0)) == List({I(0)}));
  CHECK(one.Add(I(100)) == List({I(0)}));

  config.collect_list_limit = 0;
  Group none(Make("COLLECT_LIST", {Column(SqlType::Int())}, config));
  CHECK(none.Add(I(1)) == List({}));

  config.collect_list_limit = -1;  // negative: no limit
  Group unlimited(Make("COLLECT_LIST", {Column(SqlType::Int())}, config));
  for (int value = 0; value < 1500; ++value) {
    unlimited.Add(I(value));
  }
  CHECK(unlimited.Result().AsList().size() == 1500);
}

TEST_CASE("COLLECT_LIST undoes the last occurrence of a value") {
  auto collect = Make("COLLECT_LIST", {Column(SqlType::String())});
  CHECK(collect->SupportsUndo());
  Group group(collect);
  group.Add(S("a"));
  group.Add(S("b"));
  group.Add(S("a"));
  group.Add(Null());
  CHECK(group.Remove(S("a")) == List({S("a"), S("b"), Null()}));
  CHECK(group.Remove(S("zzz")) == List({S("a"), S("b"), Null()}));  // never collected
  CHECK(group.Remove(Null()) == List({S("a"), S("b")}));
  group.Remove(S("a"));
  CHECK(group.Remove(S("b")) == List({}));

  // collect-list.json "collect_list int table": a row changing from 0 to 100.
  Group table(collect);
  table.Add(S("0"));
  table.Remove(S("0"));
  CHECK(table.Add(S("100")) == List({S("100")}));
}

TEST_CASE("COLLECT_LIST merges by appending up to the limit") {
  auto collect = Make("COLLECT_LIST", {Column(SqlType::Int())});
  CHECK(collect->Merge(List({I(1), I(2)}), List({I(3), I(1)})) == List({I(1), I(2), I(3), I(1)}));
  AggregateConfig config;
  config.collect_list_limit = 3;
  auto limited = Make("COLLECT_LIST", {Column(SqlType::Int())}, config);
  CHECK(limited->Merge(List({I(1), I(2)}), List({I(3), I(4)})) == List({I(1), I(2), I(3)}));
}

TEST_CASE("COLLECT_SET collects distinct values in order of arrival, NULL once") {
  auto collect = Make("COLLECT_SET", {Column(SqlType::Int())});
  CHECK(*collect->result_type() == *SqlType::Array(SqlType::Int()));
  CHECK_FALSE(collect->SupportsUndo());
  Group group(collect);
  CHECK(group.Add(I(1)) == List({I(1)}));
  CHECK(group.Add(I(2)) == List({I(1), I(2)}));
  CHECK(group.Add(I(1)) == List({I(1), I(2)}));
  CHECK(group.Add(Null()) == List({I(1), I(2), Null()}));
  CHECK(group.Add(Null()) == List({I(1), I(2), Null()}));
  CHECK(group.Add(I(3)) == List({I(1), I(2), Null(), I(3)}));
}

TEST_CASE("COLLECT_SET honours ksql.functions.collect_set.limit and merges distinct values") {
  AggregateConfig config;
  config.collect_set_limit = 2;
  auto limited = Make("COLLECT_SET", {Column(SqlType::Int())}, config);
  Group group(limited);
  group.Add(I(1));
  group.Add(I(2));
  CHECK(group.Add(I(3)) == List({I(1), I(2)}));
  CHECK(limited->Merge(List({I(1)}), List({I(1), I(5), I(6)})) == List({I(1), I(5)}));
  auto collect = Make("COLLECT_SET", {Column(SqlType::Int())});
  CHECK(collect->Merge(List({I(1), I(2)}), List({I(2), I(3)})) == List({I(1), I(2), I(3)}));
}

}  // namespace fluxo::aggregates::testing
