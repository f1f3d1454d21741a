// Expected values come from ksqlDB's math.json test vectors ("round", "trunc - ...").
#include <cmath>
#include <cstdint>
#include <limits>

#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

/// One row of the "round" and "trunc - double" vectors: places 0, 1, 2, 10, -1, -2.
struct DoubleRow {
  double value;
  int64_t whole;
  double places[6];
};

constexpr int32_t kPlaces[6] = {0, 1, 2, 10, -1, -2};

void CheckDoubleRow(const char* name, const DoubleRow& row) {
  CAPTURE(row.value);
  CHECK(Call(name, {kDouble}, {D(row.value)}) == L(row.whole));
  for (int i = 0; i < 6; ++i) {
    CAPTURE(kPlaces[i]);
    CHECK(Call(name, {kDouble, kInt}, {D(row.value), I(kPlaces[i])}) == D(row.places[i]));
  }
}

}  // namespace

TEST_CASE("ROUND of a DOUBLE rounds ties towards positive infinity") {
  const DoubleRow rows[] = {
      {1.2, 1, {1.0, 1.2, 1.2, 1.2, 0.0, 0.0}},
      {1.7, 2, {2.0, 1.7, 1.7, 1.7, 0.0, 0.0}},
      {1.5, 2, {2.0, 1.5, 1.5, 1.5, 0.0, 0.0}},
      {3, 3, {3.0, 3.0, 3.0, 3.0, 0.0, 0.0}},
      {1.234567, 1, {1.0, 1.2, 1.23, 1.234567, 0.0, 0.0}},
      {0, 0, {0.0, 0.0, 0.0, 0.0, 0.0, 0.0}},
      {111, 111, {111.0, 111.0, 111.0, 111.0, 110.0, 100.0}},
      {-1.1, -1, {-1.0, -1.1, -1.1, -1.1, 0.0, 0.0}},
      {-1.5, -1, {-1.0, -1.5, -1.5, -1.5, 0.0, 0.0}},
      {-1.7, -2, {-2.0, -1.7, -1.7, -1.7, 0.0, 0.0}},
      {12345.678, 12346, {12346.0, 12345.7, 12345.68, 12345.678, 12350.0, 12300.0}},
      {-12345.678, -12346, {-12346.0, -12345.7, -12345.68, -12345.678, -12350.0, -12300.0}},
  };
  for (const DoubleRow& row : rows) {
    CheckDoubleRow("ROUND", row);
  }
  CHECK(ReturnType("ROUND", {kDouble}) == "BIGINT");
  CHECK(ReturnType("ROUND", {kDouble, kInt}) == "DOUBLE");
}

TEST_CASE("ROUND of a DOUBLE follows Math.round at the edges") {
  CHECK(Call("ROUND", {kDouble}, {D(0.49999999999999994)}) == L(0));
  CHECK(Call("ROUND", {kDouble}, {D(-0.5)}) == L(0));
  CHECK(Call("ROUND", {kDouble}, {D(2.5)}) == L(3));
  CHECK(Call("ROUND", {kDouble}, {D(-2.5)}) == L(-2));
  CHECK(Call("ROUND", {kDouble}, {D(std::nan(""))}) == L(0));
  CHECK(Call("ROUND", {kDouble}, {D(1e20)}) == L(std::numeric_limits<int64_t>::max()));
  CHECK(Call("ROUND", {kDouble}, {D(-1e20)}) == L(std::numeric_limits<int64_t>::min()));
  CHECK(Call("ROUND", {kDouble}, {D(9007199254740993.0)}) == L(9007199254740992));
  // Rounding goes through the shortest decimal (BigDecimal.valueOf): 0.285 stays a tie.
  CHECK(Call("ROUND", {kDouble, kInt}, {D(0.285), I(2)}) == D(0.29));
  CHECK(Call("ROUND", {kDouble, kInt}, {D(-0.285), I(2)}) == D(-0.28));
  CHECK(Call("ROUND", {kDouble, kInt}, {D(1e300), I(2)}) == D(1e300));
  CHECK_THROWS_AS(Call("ROUND", {kDouble, kInt}, {D(std::nan("")), I(2)}), Error);
}

TEST_CASE("ROUND and TRUNC of integers return BIGINT") {
  CHECK(Call("ROUND", {kInt}, {I(-7)}) == L(-7));
  CHECK(Call("ROUND", {kBigint}, {L(2147483648)}) == L(2147483648));
  CHECK(ReturnType("ROUND", {kInt}) == "BIGINT");
  const int32_t ints[] = {1, 3, 0, 111, -1, 12345, -12345};
  for (const int32_t value : ints) {
    CHECK(Call("TRUNC", {kInt}, {I(value)}) == L(value));
  }
  CHECK(Call("TRUNC", {kBigint}, {L(2147483648)}) == L(2147483648));
  CHECK(ReturnType("TRUNC", {kInt}) == "BIGINT");
}

TEST_CASE("ROUND of a large DECIMAL") {
  const SqlTypePtr decimal = SqlType::Decimal(33, 16);
  const Value value = Dec("123456789876543212345678987654321", 16);
  CHECK(Call("ROUND", {decimal}, {value}) == Dec("12345678987654321", 0));
  CHECK(ReturnType("ROUND", {decimal}) == "DECIMAL(17, 0)");
  const auto round = [&](int32_t places) {
    return Call("ROUND", {decimal, kInt}, {value, I(places)});
  };
  CHECK(round(0) == Dec("123456789876543210000000000000000", 16));
  CHECK(round(1) == Dec("123456789876543212000000000000000", 16));
  CHECK(round(2) == Dec("123456789876543212300000000000000", 16));
  CHECK(round(10) == Dec("123456789876543212345678988000000", 16));
  CHECK(round(-1) == Dec("123456789876543200000000000000000", 16));
  CHECK(round(-2) == Dec("123456789876543000000000000000000", 16));
  CHECK(round(20) == value);
  CHECK(ReturnType("ROUND", {decimal, kInt}) == "DECIMAL(33, 16)");
}

TEST_CASE("ROUND of a DECIMAL rounds ties towards positive infinity") {
  const SqlTypePtr decimal = SqlType::Decimal(4, 2);
  CHECK(Call("ROUND", {decimal}, {Dec("150", 2)}) == Dec("2", 0));
  CHECK(Call("ROUND", {decimal}, {Dec("-150", 2)}) == Dec("-1", 0));
  CHECK(Call("ROUND", {decimal}, {Dec("-151", 2)}) == Dec("-2", 0));
  CHECK(Call("ROUND", {decimal, kInt}, {Dec("-125", 2), I(1)}) == Dec("-120", 2));
  CHECK(Call("ROUND", {decimal, kInt}, {Dec("125", 2), I(1)}) == Dec("130", 2));
  CHECK(ReturnType("ROUND", {SqlType::Decimal(2, 2)}) == "DECIMAL(1, 0)");
}

TEST_CASE("TRUNC of a DOUBLE drops digits towards zero") {
  const DoubleRow rows[] = {
      {1.7, 1, {1.0, 1.7, 1.7, 1.7, 0.0, 0.0}},
      {1.234567, 1, {1.0, 1.2, 1.23, 1.234567, 0.0, 0.0}},
      {111, 111, {111.0, 111.0, 111.0, 111.0, 110.0, 100.0}},
      {-1.5, -1, {-1.0, -1.5, -1.5, -1.5, 0.0, 0.0}},
      {-1.7, -1, {-1.0, -1.7, -1.7, -1.7, 0.0, 0.0}},
      {12345.678, 12345, {12345.0, 12345.6, 12345.67, 12345.678, 12340.0, 12300.0}},
      {-12345.678, -12345, {-12345.0, -12345.6, -12345.67, -12345.678, -12340.0, -12300.0}},
  };
  for (const DoubleRow& row : rows) {
    CheckDoubleRow("TRUNC", row);
  }
}

TEST_CASE("TRUNC of a DECIMAL keeps the scale") {
  const SqlTypePtr decimal = SqlType::Decimal(12, 7);
  const Value value = Dec("-123456780000", 7);  // -12345.678
  CHECK(Call("TRUNC", {decimal}, {value}) == Dec("-12345", 0));
  CHECK(ReturnType("TRUNC", {decimal}) == "DECIMAL(5, 0)");
  const auto trunc = [&](int32_t places) {
    return Call("TRUNC", {decimal, kInt}, {value, I(places)});
  };
  CHECK(trunc(0) == Dec("-123450000000", 7));
  CHECK(trunc(1) == Dec("-123456000000", 7));
  CHECK(trunc(2) == Dec("-123456700000", 7));
  CHECK(trunc(10) == value);
  CHECK(trunc(-1) == Dec("-123400000000", 7));
  CHECK(trunc(-2) == Dec("-123000000000", 7));
  CHECK(Call("TRUNC", {decimal, kInt}, {Dec("17000000", 7), I(0)}) == Dec("10000000", 7));
}

TEST_CASE("ROUND and TRUNC give NULL for NULL") {
  const SqlTypePtr decimal = SqlType::Decimal(12, 7);
  for (const char* name : {"ROUND", "TRUNC"}) {
    CAPTURE(name);
    CHECK(Call(name, {kInt}, {Null()}) == Null());
    CHECK(Call(name, {kBigint}, {Null()}) == Null());
    CHECK(Call(name, {kDouble}, {Null()}) == Null());
    CHECK(Call(name, {decimal}, {Null()}) == Null());
    CHECK(Call(name, {kDouble, kInt}, {Null(), I(1)}) == Null());
    CHECK(Call(name, {kDouble, kInt}, {D(1.5), Null()}) == Null());
    CHECK(Call(name, {decimal, kInt}, {Null(), I(1)}) == Null());
    CHECK(Call(name, {decimal, kInt}, {Dec("1", 7), Null()}) == Null());
  }
}

}  // namespace fluxo::functions::testing
