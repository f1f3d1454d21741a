#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {

TEST_CASE("COUNT(*) counts records") {
  auto count = Make("count", {});
  CHECK(count->name() == "COUNT");
  CHECK(count->num_column_arguments() == 0);
  CHECK(*count->result_type() == *SqlType::Bigint());
  CHECK(*count->intermediate_type() == *SqlType::Bigint());
  Group group(count);
  CHECK(group.Result() == L(0));
  CHECK(group.Add(ValueList{}) == L(1));
  CHECK(group.Add(ValueList{}) == L(2));
  CHECK(group.Add(ValueList{}) == L(3));
}

TEST_CASE("COUNT(col) skips NULLs") {
  Group group(Make("COUNT", {Column(SqlType::String())}));
  CHECK(group.Add(S("a")) == L(1));
  CHECK(group.Add(Null()) == L(1));
  CHECK(group.Add(S("b")) == L(2));
}

TEST_CASE("COUNT undoes back to zero (count.json 'should count back to zero')") {
  auto count = Make("COUNT", {Column(SqlType::Bigint())});
  CHECK(count->SupportsUndo());
  Group group(count);
  CHECK(group.Add(L(3)) == L(1));
  CHECK(group.Add(L(3)) == L(2));
  CHECK(group.Remove(L(3)) == L(1));
  CHECK(group.Remove(L(3)) == L(0));
  // Undoing a NULL takes nothing away.
  CHECK(group.Remove(Null()) == L(0));
}

TEST_CASE("COUNT merges by adding") {
  auto count = Make("COUNT", {});
  CHECK(count->Merge(L(2), L(3)) == L(5));
  CHECK(count->Merge(count->Initial(), L(4)) == L(4));
}

TEST_CASE("COUNT takes at most one argument") {
  CHECK(CreateError("COUNT", {Column(SqlType::Int()), Column(SqlType::String())}) ==
        "Function 'COUNT' does not accept parameters (INTEGER, STRING)");
}

TEST_CASE("COUNT_DISTINCT counts distinct non-NULL values") {
  auto distinct = Make("count_distinct", {Column(SqlType::Int())});
  CHECK(*distinct->result_type() == *SqlType::Bigint());
  CHECK(*distinct->intermediate_type() == *SqlType::Array(SqlType::Int()));
  CHECK_FALSE(distinct->SupportsUndo());
  Group group(distinct);
  CHECK(group.Result() == L(0));
  CHECK(group.Add(I(1)) == L(1));
  CHECK(group.Add(I(2)) == L(2));
  CHECK(group.Add(I(1)) == L(2));
  CHECK(group.Add(Null()) == L(2));
  CHECK(group.Add(I(3)) == L(3));
  CHECK_THROWS_AS(group.Remove(I(3)), Error);
}

TEST_CASE("COUNT_DISTINCT merges the distinct values of both sessions") {
  auto distinct = Make("COUNT_DISTINCT", {Column(SqlType::String())});
  const Value merged = distinct->Merge(List({S("a"), S("b")}), List({S("b"), S("c")}));
  CHECK(merged == List({S("a"), S("b"), S("c")}));
  CHECK(distinct->Result(merged) == L(3));
}

}  // namespace fluxo::aggregates::testing
