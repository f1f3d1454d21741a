#include <limits>

#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {

TEST_CASE("AVG of INT (average-udaf.json 'average int')") {
  auto average = Make("AVG", {Column(SqlType::Int())});
  CHECK(*average->result_type() == *SqlType::Double());
  CHECK(*average->intermediate_type() ==
        *SqlType::Struct({{"SUM", SqlType::Int()}, {"COUNT", SqlType::Bigint()}}));
  Group alice(average);
  Group bob(average);
  CHECK(alice.Result() == D(0.0));  // an empty group averages to 0.0
  CHECK(alice.Add(I(1)) == D(1.0));
  CHECK(bob.Add(I(2)) == D(2.0));
  CHECK(alice.Add(I(2)) == D(1.5));
  CHECK(alice.Add(I(2)) == D(1.6666666666666667));
  CHECK(bob.Add(I(2)) == D(2.0));
  CHECK(bob.Add(I(0)) == D(1.3333333333333333));
  CHECK(alice.Add(Null()) == D(1.6666666666666667));
  CHECK(alice.state() == List({I(5), L(3)}));
}

TEST_CASE("AVG of BIGINT (average-udaf.json 'average long')") {
  Group alice(Make("AVG", {Column(SqlType::Bigint())}));
  CHECK(alice.Add(L(-1)) == D(-1.0));
  CHECK(alice.Add(L(std::numeric_limits<int64_t>::max())) == D(4.611686018427388e+18));
  CHECK(alice.Add(L(1)) == D(3.0744573456182584e+18));
  Group bob(Make("AVG", {Column(SqlType::Bigint())}));
  bob.Add(L(2));
  CHECK(bob.Add(L(-2)) == D(0.0));
  CHECK(bob.Add(L(0)) == D(0.0));
}

TEST_CASE("AVG of DOUBLE (average-udaf.json 'average double')") {
  Group bob(Make("AVG", {Column(SqlType::Double())}));
  CHECK(bob.Add(D(2.3)) == D(2.3));
  CHECK(bob.Add(D(-200000.6)) == D(-99999.15000000001));
  CHECK(bob.Add(D(0.0)) == D(-66666.1));
}

TEST_CASE("AVG of DECIMAL averages as DOUBLE") {
  auto average = Make("AVG", {Column(SqlType::Decimal(4, 2))});
  CHECK(*average->intermediate_type() ==
        *SqlType::Struct({{"SUM", SqlType::Double()}, {"COUNT", SqlType::Bigint()}}));
  Group group(average);
  CHECK(group.Add(Dec(150, 2)) == D(1.5));
  CHECK(group.Add(Dec(250, 2)) == D(2.0));
  CHECK(group.Remove(Dec(150, 2)) == D(2.5));
}

TEST_CASE("AVG undoes (average-udaf.json 'average udaf with table')") {
  auto average = Make("AVG", {Column(SqlType::Int())});
  CHECK(average->SupportsUndo());
  Group group(average);
  CHECK(group.Add(I(1)) == D(1.0));
  CHECK(group.Add(I(2)) == D(1.5));
  // alice changes from 1 to NULL, then from NULL to 4.
  group.Remove(I(1));
  CHECK(group.Add(Null()) == D(2.0));
  group.Remove(Null());
  CHECK(group.Add(I(4)) == D(3.0));
  // Undo back to empty.
  group.Remove(I(2));
  CHECK(group.Remove(I(4)) == D(0.0));
  CHECK(group.state() == List({I(0), L(0)}));
}

TEST_CASE("AVG merges sums and counts") {
  auto average = Make("AVG", {Column(SqlType::Bigint())});
  const Value merged = average->Merge(List({L(10), L(2)}), List({L(5), L(3)}));
  CHECK(merged == List({L(15), L(5)}));
  CHECK(average->Result(merged) == D(3.0));
}

TEST_CASE("AVG rejects non-numeric arguments") {
  CHECK(CreateError("AVG", {Column(SqlType::String())}) ==
        "Function 'AVG' does not accept parameters (STRING)");
}

}  // namespace fluxo::aggregates::testing
