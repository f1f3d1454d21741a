// AccumulateInPlace must leave exactly the state Accumulate returns, for the functions that
// override it (COUNT, SUM, MIN, MAX) and for one that keeps the default (AVG).
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {
namespace {

// Folds `values` (one argument each, none when `no_argument`) in both ways, comparing the
// states after every record; returns false at the first difference.
bool SameStates(const std::shared_ptr<const AggregateFunction>& function,
                const std::vector<Value>& values,
                bool no_argument = false) {
  Value returned = function->Initial();
  Value in_place = function->Initial();
  int64_t sequence = 0;
  for (const Value& value : values) {
    const ValueList arguments = no_argument ? ValueList{} : ValueList{value};
    const AggregateInput input{arguments, sequence++};
    returned = function->Accumulate(returned, input);
    function->AccumulateInPlace(in_place, input);
    // DebugString, not ==: NaN is not == to itself, and -0.0 must stay -0.0.
    if (returned.DebugString() != in_place.DebugString() ||
        returned.storage() != in_place.storage()) {
      INFO(function->name() << ": " << returned.DebugString() << " in place "
                            << in_place.DebugString());
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("COUNT in place counts as Accumulate does") {
  CHECK(SameStates(Make("COUNT", {}), {Null(), L(1), Null()}, /*no_argument=*/true));
  CHECK(SameStates(Make("COUNT", {Column(SqlType::Bigint())}), {L(1), Null(), L(2), Null()}));
}

TEST_CASE("SUM in place sums as Accumulate does, wrapping and overflowing alike") {
  const int64_t max = std::numeric_limits<int64_t>::max();
  CHECK(SameStates(Make("SUM", {Column(SqlType::Bigint())}), {L(1), Null(), L(max), L(-7)}));
  CHECK(SameStates(Make("SUM", {Column(SqlType::Int())}),
                   {I(1), Null(), I(std::numeric_limits<int32_t>::max()), I(3)}));
  CHECK(SameStates(Make("SUM", {Column(SqlType::Double())}), {D(0.5), Null(), D(-2.25)}));
  CHECK(SameStates(Make("SUM", {Column(SqlType::Decimal(4, 2))}), {Dec(125, 2), Null()}));
  auto decimal = Make("SUM", {Column(SqlType::Decimal(3, 1))});
  Value state = decimal->Initial();
  const ValueList big{Dec(999, 1)};
  decimal->AccumulateInPlace(state, AggregateInput{big, 0});
  CHECK_THROWS_AS(decimal->AccumulateInPlace(state, AggregateInput{big, 1}), Error);
}

TEST_CASE("MIN and MAX in place keep what Accumulate keeps") {
  for (const char* name : {"MIN", "MAX"}) {
    CHECK(SameStates(Make(name, {Column(SqlType::Bigint())}), {Null(), L(5), L(-3), L(9), Null()}));
    CHECK(SameStates(Make(name, {Column(SqlType::Double())}),
                     {D(1.5), D(std::nan("")), D(-0.0), D(0.0), Null()}));
    CHECK(SameStates(Make(name, {Column(SqlType::String())}), {S("b"), S("a"), Null(), S("c")}));
  }
}

TEST_CASE("AVG keeps the default in place fold") {
  CHECK(SameStates(Make("AVG", {Column(SqlType::Bigint())}), {L(4), Null(), L(6)}));
}

}  // namespace fluxo::aggregates::testing
