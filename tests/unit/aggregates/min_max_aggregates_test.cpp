#include <cmath>
#include <limits>

#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {

TEST_CASE("MIN and MAX of BIGINT (tumbling-windows.json 'min tumbling', key-schemas.json)") {
  auto min = Make("MIN", {Column(SqlType::Bigint())});
  CHECK(*min->result_type() == *SqlType::Bigint());
  CHECK_FALSE(min->SupportsUndo());
  Group key_100(min);
  CHECK(key_100.Result() == Null());
  CHECK(key_100.Add(L(100)) == L(100));
  CHECK(key_100.Add(L(6)) == L(6));
  CHECK(key_100.Add(L(300)) == L(6));

  Group max(Make("max", {Column(SqlType::Bigint())}));
  CHECK(max.Add(L(1)) == L(1));
  CHECK(max.Add(L(2)) == L(2));
  CHECK(max.Add(L(-5)) == L(2));
}

TEST_CASE("MIN and MAX skip NULLs (case-expression.json 'as param to UDAF')") {
  Group min_buy(Make("MIN", {Column(SqlType::Int())}));
  Group min_sell(Make("MIN", {Column(SqlType::Int())}));
  // A buy at 120125102, then a sell at 100125102.
  CHECK(min_buy.Add(I(120125102)) == I(120125102));
  CHECK(min_sell.Add(Null()) == Null());
  CHECK(min_buy.Add(Null()) == I(120125102));
  CHECK(min_sell.Add(I(100125102)) == I(100125102));
}

TEST_CASE("MIN and MAX compare strings as Java does, by UTF-16 code unit") {
  Group max(Make("MAX", {Column(SqlType::String())}));
  max.Add(S("Banana"));
  CHECK(max.Add(S("apple")) == S("apple"));  // 'a' (97) > 'B' (66)
  // U+FFFF is one code unit 0xFFFF; U+1F600 is the surrogate pair 0xD83D 0xDE00, so Java
  // ranks U+FFFF higher although its code point is lower.
  Group text(Make("MAX", {Column(SqlType::String())}));
  text.Add(S("\xF0\x9F\x98\x80"));
  CHECK(text.Add(S("\xEF\xBF\xBF")) == S("\xEF\xBF\xBF"));
}

TEST_CASE("MIN and MAX of DOUBLE follow Double.compareTo") {
  Group max(Make("MAX", {Column(SqlType::Double())}));
  max.Add(D(1.0));
  const Value nan = max.Add(D(std::nan("")));
  CHECK(std::isnan(nan.AsDouble()));  // NaN ranks above everything
  Group min(Make("MIN", {Column(SqlType::Double())}));
  min.Add(D(std::nan("")));
  CHECK(min.Add(D(1.0)) == D(1.0));
  Group zero(Make("MIN", {Column(SqlType::Double())}));
  zero.Add(D(0.0));
  CHECK(std::signbit(zero.Add(D(-0.0)).AsDouble()));  // -0.0 < 0.0
}

TEST_CASE("MIN and MAX of DECIMAL compare by value whatever the scale") {
  Group max(Make("MAX", {Column(SqlType::Decimal(4, 2))}));
  max.Add(Dec(150, 2));                       // 1.50
  CHECK(max.Add(Dec(16, 1)) == Dec(16, 1));   // 1.6
  CHECK(max.Add(Dec(159, 2)) == Dec(16, 1));  // 1.59
}

TEST_CASE("MIN and MAX of DATE, TIME and TIMESTAMP") {
  Group date(Make("MIN", {Column(SqlType::Date())}));
  date.Add(I(19000));
  CHECK(date.Add(I(-3)) == I(-3));
  Group timestamp(Make("MAX", {Column(SqlType::Timestamp())}));
  timestamp.Add(L(1000));
  CHECK(timestamp.Add(L(999)) == L(1000));
  Group time(Make("MAX", {Column(SqlType::Time())}));
  time.Add(I(5));
  CHECK(time.Add(I(86399999)) == I(86399999));
}

TEST_CASE("MIN and MAX merge session states") {
  auto min = Make("MIN", {Column(SqlType::Int())});
  CHECK(min->Merge(Null(), I(3)) == I(3));
  CHECK(min->Merge(I(3), Null()) == I(3));
  CHECK(min->Merge(I(3), I(-7)) == I(-7));
  CHECK(min->Merge(Null(), Null()) == Null());
  CHECK(Make("MAX", {Column(SqlType::Int())})->Merge(I(3), I(7)) == I(7));
}

TEST_CASE("MIN and MAX reject BOOLEAN and composite arguments") {
  CHECK(CreateError("MAX", {Column(SqlType::Boolean())}) ==
        "Function 'MAX' does not accept parameters (BOOLEAN)");
  CHECK(CreateError("MIN", {Column(SqlType::Array(SqlType::Int()))}) ==
        "Function 'MIN' does not accept parameters (ARRAY<INTEGER>)");
}

}  // namespace fluxo::aggregates::testing
