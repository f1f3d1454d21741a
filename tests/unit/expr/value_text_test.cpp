#include "runtime/expr/value_text.h"

#include <cmath>
#include <limits>

#include <doctest/doctest.h>

namespace fluxo::expr {

TEST_SUITE("expr") {
  TEST_CASE("Double.toString: plain between 10^-3 and 10^7, Java exponent notation outside") {
    CHECK(FormatJavaDouble(1.0) == "1.0");
    CHECK(FormatJavaDouble(10.3) == "10.3");
    CHECK(FormatJavaDouble(100.0) == "100.0");
    CHECK(FormatJavaDouble(-2.5) == "-2.5");
    CHECK(FormatJavaDouble(0.001) == "0.001");
    CHECK(FormatJavaDouble(0.0001) == "1.0E-4");
    CHECK(FormatJavaDouble(1.234e-5) == "1.234E-5");
    CHECK(FormatJavaDouble(1234567.0) == "1234567.0");
    CHECK(FormatJavaDouble(9999999.5) == "9999999.5");
    CHECK(FormatJavaDouble(1.0e7) == "1.0E7");
    CHECK(FormatJavaDouble(12345678.9) == "1.23456789E7");
    CHECK(FormatJavaDouble(1.0e10) == "1.0E10");
    CHECK(FormatJavaDouble(0.36787944117144233) == "0.36787944117144233");  // math.json exp(-1)
    CHECK(FormatJavaDouble(0.1 + 0.2) == "0.30000000000000004");
    CHECK(FormatJavaDouble(4.9e-324) == "4.9E-324");
    CHECK(FormatJavaDouble(std::numeric_limits<double>::max()) == "1.7976931348623157E308");
    CHECK(FormatJavaDouble(0.0) == "0.0");
    CHECK(FormatJavaDouble(-0.0) == "-0.0");
    CHECK(FormatJavaDouble(std::nan("")) == "NaN");
    CHECK(FormatJavaDouble(std::numeric_limits<double>::infinity()) == "Infinity");
    CHECK(FormatJavaDouble(-std::numeric_limits<double>::infinity()) == "-Infinity");
  }

  TEST_CASE("primitive values as CAST(... AS STRING) writes them") {
    CHECK(ValueToText(Value::Boolean(true), *SqlType::Boolean()) == "true");
    CHECK(ValueToText(Value::Int32(-1), *SqlType::Int()) == "-1");  // cast.json integer to string
    CHECK(ValueToText(Value::Int64(2147483648), *SqlType::Bigint()) == "2147483648");
    CHECK(ValueToText(Value::Double(10.3), *SqlType::Double()) == "10.3");
    CHECK(ValueToText(Value::Decimal({1001, 2}), *SqlType::Decimal(4, 2)) == "10.01");
    CHECK(ValueToText(Value::Decimal({0, 2}), *SqlType::Decimal(4, 2)) == "0.00");
    CHECK(ValueToText(Value::Decimal({1, 8}), *SqlType::Decimal(10, 8)) == "0.00000001");
    CHECK(ValueToText(Value::String("bob"), *SqlType::String()) == "bob");
    CHECK(ValueToText(Value::Int64(1651182287943), *SqlType::Timestamp()) ==
          "2022-04-28T21:44:47.943");
    CHECK(ValueToText(Value::Int32(19110), *SqlType::Date()) == "2022-04-28");
    CHECK(ValueToText(Value::Int32(78'287'943), *SqlType::Time()) == "21:44:47");
  }

  TEST_CASE("collections print as Java's List, Map and Connect's Struct (QTT cast.json)") {
    const SqlTypePtr ints = SqlType::Array(SqlType::Int());
    CHECK(ValueToText(Value::List({Value::Int32(1), Value::Int32(3)}), *ints) == "[1, 3]");
    CHECK(ValueToText(Value::List({}), *ints) == "[]");
    const SqlTypePtr map = SqlType::Map(SqlType::String(), SqlType::Int());
    CHECK(ValueToText(Value::Pairs({{Value::String("this"), Value::Int32(1)}}), *map) ==
          "{this=1}");
    CHECK(ValueToText(Value::Pairs({{Value::String("a"), Value::Int32(1)},
                                    {Value::String("b"), Value::Null()}}),
                      *map) == "{a=1, b=null}");
    const SqlTypePtr row = SqlType::Struct({{"F0", SqlType::Int()}, {"f1", SqlType::Int()}});
    CHECK(ValueToText(Value::List({Value::Int32(1), Value::Int32(3)}), *row) ==
          "Struct{F0=1,f1=3}");
    CHECK(ValueToText(Value::List({Value::Null(), Value::Int32(3)}), *row) == "Struct{f1=3}");
    CHECK(ValueToText(Value::List({Value::Null(), Value::Null()}), *row) == "Struct{}");
  }

  TEST_CASE("nested values print as their Java objects") {
    CHECK(ValueToText(Value::List({Value::String("a"), Value::Null()}),
                      *SqlType::Array(SqlType::String())) == "[a, null]");
    CHECK(ValueToText(Value::List({Value::Double(1.0), Value::Double(1e10)}),
                      *SqlType::Array(SqlType::Double())) == "[1.0, 1.0E10]");
    // BigDecimal.toString, not toPlainString, inside a collection.
    CHECK(ValueToText(Value::List({Value::Decimal({1, 8}), Value::Decimal({1050000000, 8})}),
                      *SqlType::Array(SqlType::Decimal(10, 8))) == "[1E-8, 10.50000000]");
    CHECK(ValueToText(Value::List({Value::Int64(0)}), *SqlType::Array(SqlType::Timestamp())) ==
          "[1970-01-01 00:00:00.0]");
    CHECK(ValueToText(Value::List({Value::Int32(1000)}), *SqlType::Array(SqlType::Time())) ==
          "[00:00:01]");
    CHECK(ValueToText(Value::List({Value::String("xyz")}), *SqlType::Array(SqlType::Bytes())) ==
          "[java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]]");
    const SqlTypePtr nested = SqlType::Array(SqlType::Array(SqlType::Int()));
    CHECK(ValueToText(Value::List({Value::List({Value::Int32(1), Value::Int32(2)}),
                                   Value::List({}),
                                   Value::Null()}),
                      *nested) == "[[1, 2], [], null]");
    const SqlTypePtr inner = SqlType::Struct({{"A", SqlType::String()}});
    CHECK(ValueToText(Value::Pairs({{Value::String("k"), Value::List({Value::String("x")})}}),
                      *SqlType::Map(SqlType::String(), inner)) == "{k=Struct{A=x}}");
  }
}

}  // namespace fluxo::expr
