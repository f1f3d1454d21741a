#include <string>

#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {
namespace {

Value Map(ValuePairList pairs) {
  return Value::Pairs(std::move(pairs));
}

}  // namespace

TEST_CASE("HISTOGRAM counts each distinct string") {
  auto histogram = Make("HISTOGRAM", {Column(SqlType::String())});
  CHECK(*histogram->result_type() == *SqlType::Map(SqlType::String(), SqlType::Bigint()));
  Group group(histogram);
  CHECK(group.Result() == Map({}));
  CHECK(group.Add(S("a")) == Map({{S("a"), L(1)}}));
  CHECK(group.Add(S("b")) == Map({{S("a"), L(1)}, {S("b"), L(1)}}));
  CHECK(group.Add(S("a")) == Map({{S("a"), L(2)}, {S("b"), L(1)}}));
  CHECK(group.Add(Null()) == Map({{S("a"), L(2)}, {S("b"), L(1)}, {Null(), L(1)}}));
}

TEST_CASE("HISTOGRAM undoes down to removing the entry") {
  auto histogram = Make("HISTOGRAM", {Column(SqlType::String())});
  CHECK(histogram->SupportsUndo());
  Group group(histogram);
  group.Add(S("a"));
  group.Add(S("b"));
  group.Add(S("a"));
  CHECK(group.Remove(S("a")) == Map({{S("a"), L(1)}, {S("b"), L(1)}}));
  CHECK(group.Remove(S("b")) == Map({{S("a"), L(1)}}));
  CHECK(group.Remove(S("zzz")) == Map({{S("a"), L(1)}}));
  CHECK(group.Remove(S("a")) == Map({}));
}

TEST_CASE("HISTOGRAM merges counts") {
  auto histogram = Make("HISTOGRAM", {Column(SqlType::String())});
  CHECK(histogram->Merge(Map({{S("a"), L(1)}, {S("b"), L(2)}}),
                         Map({{S("b"), L(1)}, {S("c"), L(5)}})) ==
        Map({{S("a"), L(1)}, {S("b"), L(3)}, {S("c"), L(5)}}));
}

TEST_CASE("HISTOGRAM keeps at most 1000 distinct values") {
  Group group(Make("HISTOGRAM", {Column(SqlType::String())}));
  for (int value = 0; value < 1000; ++value) {
    group.Add(S(std::to_string(value)));
  }
  group.Add(S("new"));
  group.Add(S("7"));
  const ValuePairList& counts = group.Result().AsPairs();
  CHECK(counts.size() == 1000);
  CHECK(counts[7] == std::make_pair(S("7"), L(2)));
  CHECK(counts.back().first == S("999"));
}

TEST_CASE("HISTOGRAM takes strings only") {
  CHECK(CreateError("HISTOGRAM", {Column(SqlType::Int())}) ==
        "Function 'HISTOGRAM' does not accept parameters (INTEGER)");
}

}  // namespace fluxo::aggregates::testing
