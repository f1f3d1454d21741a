#include <limits>

#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {
namespace {

std::string AccumulateError(Group& group, const Value& value) {
  try {
    group.Add(value);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kExecution);
    return error.message();
  }
  return "";
}

}  // namespace

TEST_CASE("SUM starts at zero of the argument's type and skips NULLs") {
  auto sum = Make("SUM", {Column(SqlType::Int())});
  CHECK(*sum->result_type() == *SqlType::Int());
  CHECK(*sum->intermediate_type() == *SqlType::Int());
  Group group(sum);
  CHECK(group.Result() == I(0));
  CHECK(group.Add(I(1)) == I(1));
  CHECK(group.Add(Null()) == I(1));
  CHECK(group.Add(I(2)) == I(3));
  CHECK(group.Add(I(-10)) == I(-7));
}

TEST_CASE("SUM of INT and BIGINT wraps around as Java does") {
  Group ints(Make("SUM", {Column(SqlType::Int())}));
  ints.Add(I(std::numeric_limits<int32_t>::max()));
  CHECK(ints.Add(I(1)) == I(std::numeric_limits<int32_t>::min()));
  Group longs(Make("SUM", {Column(SqlType::Bigint())}));
  CHECK(longs.Result() == L(0));
  longs.Add(L(std::numeric_limits<int64_t>::max()));
  CHECK(longs.Add(L(2)) == L(std::numeric_limits<int64_t>::min() + 1));
}

TEST_CASE("SUM of a constant (sum.json 'sum with constant ... arg')") {
  Group ints(Make("SUM", {Column(SqlType::Int())}));
  Group doubles(Make("SUM", {Column(SqlType::Double())}));
  CHECK(doubles.Result() == D(0.0));
  for (int record = 1; record <= 5; ++record) {
    CHECK(ints.Add(I(2)) == I(2 * record));
    CHECK(doubles.Add(D(1.0)) == D(record));
  }
}

TEST_CASE("SUM of DECIMAL keeps the argument's precision and scale") {
  auto sum = Make("SUM", {Column(SqlType::Decimal(4, 1))});
  CHECK(*sum->result_type() == *SqlType::Decimal(4, 1));
  Group group(sum);
  CHECK(group.Result() == Dec(0, 1));
  CHECK(group.Add(Dec(54, 1)) == Dec(54, 1));      // 5.4
  CHECK(group.Add(Dec(1001, 1)) == Dec(1055, 1));  // 100.1 -> 105.5
  CHECK(group.Add(Null()) == Dec(1055, 1));
  CHECK(group.Add(Dec(-1055, 1)) == Dec(0, 1));
}

TEST_CASE("SUM of DECIMAL overflows past the type's integer digits (sum.json)") {
  Group group(Make("SUM", {Column(SqlType::Decimal(4, 1))}));
  CHECK(group.Add(Dec(5009, 1)) == Dec(5009, 1));  // 500.9
  CHECK(group.Add(Dec(3008, 1)) == Dec(8017, 1));  // 801.7
  // 801.7 + 400.8 = 1202.5, which needs 4 integer digits; rounded to 4 digits it is 1203.
  CHECK(AccumulateError(group, Dec(4008, 1)) ==
        "Numeric field overflow: A field with precision 4 and scale 1 must round to an "
        "absolute value less than 10^3. Got 1203");
  // The state is unchanged by the failed record.
  CHECK(group.Result() == Dec(8017, 1));

  Group narrow(Make("SUM", {Column(SqlType::Decimal(3, 1))}));
  CHECK(narrow.Add(Dec(509, 1)) == Dec(509, 1));  // 50.9
  // 50.9 + 50.8 = 101.7 -> 102 at 3 digits.
  CHECK(AccumulateError(narrow, Dec(508, 1)) ==
        "Numeric field overflow: A field with precision 3 and scale 1 must round to an "
        "absolute value less than 10^2. Got 102");

  Group wide(Make("SUM", {Column(SqlType::Decimal(6, 2))}));
  wide.Add(Dec(50090, 2));
  wide.Add(Dec(30080, 2));
  CHECK(wide.Add(Dec(40080, 2)) == Dec(120250, 2));  // 1202.50 fits DECIMAL(6, 2)
}

TEST_CASE("SUM undoes (sum.json 'sum int left join of table')") {
  auto sum = Make("SUM", {Column(SqlType::Int())});
  CHECK(sum->SupportsUndo());
  Group group(sum);
  CHECK(group.Add(Null()) == I(0));
  CHECK(group.Remove(Null()) == I(0));
  CHECK(group.Add(I(5)) == I(5));
  CHECK(group.Remove(I(5)) == I(0));
  CHECK(group.Add(I(20)) == I(20));
  CHECK(group.Remove(I(20)) == I(0));
  CHECK(group.Add(Null()) == I(0));

  Group decimals(Make("SUM", {Column(SqlType::Decimal(4, 1))}));
  decimals.Add(Dec(54, 1));
  decimals.Add(Dec(11, 1));
  CHECK(decimals.Remove(Dec(54, 1)) == Dec(11, 1));
  CHECK(decimals.Remove(Dec(11, 1)) == Dec(0, 1));
}

TEST_CASE("SUM merges by adding") {
  CHECK(Make("SUM", {Column(SqlType::Bigint())})->Merge(L(40), L(2)) == L(42));
  CHECK(Make("SUM", {Column(SqlType::Double())})->Merge(D(1.5), D(2.25)) == D(3.75));
  CHECK(Make("SUM", {Column(SqlType::Decimal(5, 2))})->Merge(Dec(125, 2), Dec(1, 2)) ==
        Dec(126, 2));
}

TEST_CASE("SUM rejects non-numeric arguments") {
  CHECK(CreateError("SUM", {Column(SqlType::String())}) ==
        "Function 'SUM' does not accept parameters (STRING)");
  CHECK(CreateError("sum", {Column(SqlType::Boolean())}) ==
        "Function 'SUM' does not accept parameters (BOOLEAN)");
  CHECK(CreateError("SUM", {}) == "Function 'SUM' does not accept parameters ()");
}

TEST_CASE("SUM_LIST sums the non-NULL elements (sum.json)") {
  auto doubles = Make("SUM_LIST", {Column(SqlType::Array(SqlType::Double()))});
  CHECK(*doubles->result_type() == *SqlType::Double());
  Group group(doubles);
  CHECK(group.Add(List({D(1.0), D(1.0)})) == D(2.0));
  CHECK(group.Add(List({D(2.0), D(2.0)})) == D(6.0));
  CHECK(group.Add(List({D(922337203685.0), D(1.0)})) == D(922337203692.0));
  CHECK(group.Add(List({D(1.0), D(1.0), Null()})) == D(922337203694.0));
  CHECK(group.Add(Null()) == D(922337203694.0));

  Group ints(Make("SUM_LIST", {Column(SqlType::Array(SqlType::Int()))}));
  CHECK(ints.Add(List({I(1), I(1)})) == I(2));
  CHECK(ints.Add(List({I(2), I(2)})) == I(6));
  CHECK(ints.Add(List({I(100), I(100)})) == I(206));
  CHECK(ints.Add(List({I(100), I(100), Null()})) == I(406));
  CHECK(ints.Remove(List({I(100), I(100), Null()})) == I(206));

  Group longs(Make("SUM_LIST", {Column(SqlType::Array(SqlType::Bigint()))}));
  CHECK(longs.Add(List({})) == L(0));
  CHECK(longs.Add(List({L(3), Null(), L(4)})) == L(7));
}

TEST_CASE("SUM_LIST needs an array of INT, BIGINT or DOUBLE") {
  CHECK(CreateError("SUM_LIST", {Column(SqlType::Array(SqlType::String()))}) ==
        "Function 'SUM_LIST' does not accept parameters (ARRAY<STRING>)");
  CHECK(CreateError("SUM_LIST", {Column(SqlType::Int())}) ==
        "Function 'SUM_LIST' does not accept parameters (INTEGER)");
}

}  // namespace fluxo::aggregates::testing
