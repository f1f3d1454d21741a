#include "runtime/expr/cast.h"

#include <cmath>
#include <limits>

#include <doctest/doctest.h>

namespace fluxo::expr {

namespace {

Value Dec(Int128 unscaled, int32_t scale) {
  return Value::Decimal(DecimalValue{unscaled, scale});
}

Value Strings(std::initializer_list<const char*> texts) {
  ValueList values;
  for (const char* text : texts) {
    values.push_back(Value::String(text));
  }
  return Value::List(std::move(values));
}

}  // namespace

TEST_SUITE("expr") {
  TEST_CASE("CanCast follows ksqlDB's CastEvaluator table") {
    const SqlTypePtr ints = SqlType::Array(SqlType::Int());
    // QTT cast.json: non-array to array, non-map to map, non-struct to struct.
    CHECK_FALSE(CanCast(*SqlType::String(), *ints));
    CHECK_FALSE(CanCast(*SqlType::String(), *SqlType::Map(SqlType::String(), SqlType::Int())));
    CHECK_FALSE(CanCast(*SqlType::String(), *SqlType::Struct({{"F0", SqlType::String()}})));
    CHECK(CanCast(*ints, *SqlType::String()));
    CHECK(CanCast(*SqlType::Array(SqlType::Bigint()), *ints));
    CHECK_FALSE(CanCast(*SqlType::Array(SqlType::Boolean()), *ints));
    CHECK(CanCast(*SqlType::Boolean(), *SqlType::String()));
    CHECK_FALSE(CanCast(*SqlType::Boolean(), *SqlType::Int()));
    CHECK_FALSE(CanCast(*SqlType::Int(), *SqlType::Boolean()));
    CHECK(CanCast(*SqlType::Double(), *SqlType::Decimal(2, 1)));
    CHECK(CanCast(*SqlType::String(), *SqlType::Bytes()));
    CHECK_FALSE(CanCast(*SqlType::Bytes(), *SqlType::String()));
    CHECK(CanCast(*SqlType::Bytes(), *SqlType::Bytes()));
    CHECK(CanCast(*SqlType::Timestamp(), *SqlType::Date()));
    CHECK(CanCast(*SqlType::Timestamp(), *SqlType::Time()));
    CHECK(CanCast(*SqlType::Date(), *SqlType::Timestamp()));
    CHECK_FALSE(CanCast(*SqlType::Date(), *SqlType::Time()));
    CHECK_FALSE(CanCast(*SqlType::Time(), *SqlType::Timestamp()));
    CHECK_FALSE(CanCast(*SqlType::Timestamp(), *SqlType::Bigint()));
    // STRUCT to STRUCT: only the fields both have must cast.
    CHECK_FALSE(CanCast(*SqlType::Struct({{"A", SqlType::Boolean()}}),
                        *SqlType::Struct({{"A", SqlType::Int()}})));
    CHECK(CanCast(*SqlType::Struct({{"A", SqlType::Boolean()}}),
                  *SqlType::Struct({{"B", SqlType::Int()}})));
  }

  TEST_CASE("CanWiden: implicit numeric widening and element-wise composites") {
    CHECK(CanWiden(*SqlType::Int(), *SqlType::Bigint()));
    CHECK(CanWiden(*SqlType::Int(), *SqlType::Decimal(10, 0)));
    CHECK(CanWiden(*SqlType::Int(), *SqlType::Decimal(12, 2)));
    CHECK_FALSE(CanWiden(*SqlType::Int(), *SqlType::Decimal(9, 0)));
    CHECK(CanWiden(*SqlType::Bigint(), *SqlType::Decimal(19, 0)));
    CHECK(CanWiden(*SqlType::Decimal(5, 2), *SqlType::Decimal(6, 3)));
    CHECK_FALSE(CanWiden(*SqlType::Decimal(5, 2), *SqlType::Decimal(6, 1)));
    CHECK(CanWiden(*SqlType::Decimal(5, 2), *SqlType::Double()));
    CHECK(CanWiden(*SqlType::Bigint(), *SqlType::Double()));
    CHECK_FALSE(CanWiden(*SqlType::Double(), *SqlType::Decimal(38, 10)));
    CHECK_FALSE(CanWiden(*SqlType::Bigint(), *SqlType::Int()));
    CHECK_FALSE(CanWiden(*SqlType::Int(), *SqlType::String()));
    CHECK(CanWiden(*SqlType::String(), *SqlType::Timestamp()));
    CHECK_FALSE(CanWiden(*SqlType::Timestamp(), *SqlType::String()));
    CHECK(CanWiden(*SqlType::Array(SqlType::Int()), *SqlType::Array(SqlType::Bigint())));
    CHECK(CanWiden(*SqlType::Map(SqlType::String(), SqlType::Int()),
                   *SqlType::Map(SqlType::String(), SqlType::Double())));
    CHECK(CanWiden(*SqlType::Struct({{"A", SqlType::Int()}}),
                   *SqlType::Struct({{"A", SqlType::Bigint()}})));
    CHECK_FALSE(CanWiden(*SqlType::Struct({{"A", SqlType::Int()}}),
                         *SqlType::Struct({{"B", SqlType::Int()}})));
  }

  TEST_CASE("NULL stays NULL and a type to itself changes nothing (QTT cast.json: of nulls)") {
    for (const SqlTypePtr& type : {SqlType::Boolean(),
                                   SqlType::Int(),
                                   SqlType::Bigint(),
                                   SqlType::Double(),
                                   SqlType::String()}) {
      CHECK(CastValue(Value(), *SqlType::String(), *type).IsNull());
    }
    CHECK(CastValue(Value(), *SqlType::Double(), *SqlType::String()).IsNull());
    CHECK(CastValue(Value::Int32(10), *SqlType::Int(), *SqlType::Int()) == Value::Int32(10));
  }

  TEST_CASE("collections convert element by element (QTT cast.json)") {
    const SqlTypePtr bigints = SqlType::Array(SqlType::Bigint());
    const Value values = Value::List({Value::Int64(1), Value::Int64(3), Value::Int64(2147483648)});
    CHECK(CastValue(values, *bigints, *SqlType::Array(SqlType::Int())) ==
          Value::List({Value::Int32(1), Value::Int32(3), Value::Int32(-2147483647 - 1)}));
    CHECK(CastValue(values, *bigints, *SqlType::Array(SqlType::String())) ==
          Strings({"1", "3", "2147483648"}));
    const Value nested = Value::List(
        {values, Value::List({Value::Int64(-1), Value::Int64(-3), Value::Int64(-2147483648)})});
    CHECK(CastValue(nested,
                    *SqlType::Array(bigints),
                    *SqlType::Array(SqlType::Array(SqlType::String()))) ==
          Value::List({Strings({"1", "3", "2147483648"}), Strings({"-1", "-3", "-2147483648"})}));
    const Value map = Value::Pairs({{Value::String("this"), Value::Int64(2147483648)}});
    CHECK(CastValue(map,
                    *SqlType::Map(SqlType::String(), SqlType::Bigint()),
                    *SqlType::Map(SqlType::String(), SqlType::Int())) ==
          Value::Pairs({{Value::String("this"), Value::Int32(-2147483647 - 1)}}));
    const Value maps = Value::Pairs(
        {{Value::String("k1"), Value::Pairs({{Value::String("k2"), Value::String("10")}})}});
    CHECK(CastValue(
              maps,
              *SqlType::Map(SqlType::String(), SqlType::Map(SqlType::String(), SqlType::String())),
              *SqlType::Map(SqlType::String(), SqlType::Map(SqlType::String(), SqlType::Int()))) ==
          Value::Pairs(
              {{Value::String("k1"), Value::Pairs({{Value::String("k2"), Value::Int32(10)}})}}));
    // STRUCT<F0 BIGINT, F1 STRING> -> STRUCT<F0 STRING, F3 STRING>: F3 has no source.
    CHECK(CastValue(Value::List({Value::Int64(1), Value::String("3")}),
                    *SqlType::Struct({{"F0", SqlType::Bigint()}, {"F1", SqlType::String()}}),
                    *SqlType::Struct({{"F0", SqlType::String()}, {"F3", SqlType::String()}})) ==
          Value::List({Value::String("1"), Value()}));
    // Collections to STRING.
    CHECK(CastValue(Value::List({Value::Int32(1), Value::Int32(3)}),
                    *SqlType::Array(SqlType::Int()),
                    *SqlType::String()) == Value::String("[1, 3]"));
    CHECK(CastValue(Value::List({Value::Int32(1), Value::Int32(3)}),
                    *SqlType::Struct({{"F0", SqlType::Int()}, {"f1", SqlType::Int()}}),
                    *SqlType::String()) == Value::String("Struct{F0=1,f1=3}"));
  }

  TEST_CASE("map keys that become equal collapse into the last entry, as in a HashMap") {
    const Value map = Value::Pairs({{Value::String("1"), Value::Int32(10)},
                                    {Value::String("2"), Value::Int32(5)},
                                    {Value::String(" 1"), Value::Int32(20)}});
    CHECK(CastValue(map,
                    *SqlType::Map(SqlType::String(), SqlType::Int()),
                    *SqlType::Map(SqlType::Int(), SqlType::Int())) ==
          Value::Pairs({{Value::Int32(1), Value::Int32(20)}, {Value::Int32(2), Value::Int32(5)}}));
  }

  TEST_CASE("a failing element fails the whole collection") {
    const SqlTypePtr strings = SqlType::Array(SqlType::String());
    CHECK_FALSE(
        TryCastValue(Strings({"1", "x"}), *strings, *SqlType::Array(SqlType::Int())).has_value());
    CHECK(CastValue(Strings({"1", "x"}), *strings, *SqlType::Array(SqlType::Int())).IsNull());
    CHECK(CastValue(Value::List({Value::String("1"), Value()}),
                    *strings,
                    *SqlType::Array(SqlType::Int())) == Value::List({Value::Int32(1), Value()}));
  }

  TEST_CASE("to DECIMAL (QTT cast.json: decimal/integer/double/string to decimal)") {
    const SqlTypePtr d53 = SqlType::Decimal(5, 3);
    CHECK(CastValue(Dec(1012, 2), *SqlType::Decimal(4, 2), *d53) == Dec(10120, 3));
    CHECK(CastValue(Dec(100, 2), *SqlType::Decimal(4, 2), *d53) == Dec(1000, 3));
    CHECK(CastValue(Dec(0, 2), *SqlType::Decimal(4, 2), *d53) == Dec(0, 3));
    const SqlTypePtr d21 = SqlType::Decimal(2, 1);
    CHECK(CastValue(Value::Int32(1), *SqlType::Int(), *d21) == Dec(10, 1));
    CHECK(CastValue(Value::Int32(0), *SqlType::Int(), *d21) == Dec(0, 1));
    CHECK(CastValue(Value::Int32(-1), *SqlType::Int(), *d21) == Dec(-10, 1));
    CHECK(CastValue(Value::Int32(10), *SqlType::Int(), *d21).IsNull());
    CHECK(CastValue(Value::Double(0.99), *SqlType::Double(), *d21) == Dec(10, 1));
    CHECK(CastValue(Value::Double(0.01), *SqlType::Double(), *d21) == Dec(0, 1));
    CHECK(CastValue(Value::String(" 0.99 "), *SqlType::String(), *d21) == Dec(10, 1));
    CHECK(CastValue(Value::String("1.1"), *SqlType::String(), *d21) == Dec(11, 1));
    CHECK(CastValue(Value::String("x"), *SqlType::String(), *d21).IsNull());
    CHECK(CastValue(Dec(996, 2), *SqlType::Decimal(3, 2), *d21).IsNull());  // rounds to 10.0
    CHECK(CastValue(Dec(994, 2), *SqlType::Decimal(3, 2), *d21) == Dec(99, 1));
    CHECK(CastValue(Value::Int64(9223372036854775807),
                    *SqlType::Bigint(),
                    *SqlType::Decimal(19, 0)) == Dec(9223372036854775807, 0));
  }

  TEST_CASE("to DECIMAL without rounding: the bounds of the 128-bit path") {
    const auto to = [](int precision, int scale) { return SqlType::Decimal(precision, scale); };
    const int64_t min = std::numeric_limits<int64_t>::min();
    CHECK(CastValue(Value::Int64(min), *SqlType::Bigint(), *to(19, 0)) == Dec(min, 0));
    CHECK(CastValue(Value::Int64(min), *SqlType::Bigint(), *to(18, 0)).IsNull());
    CHECK(CastValue(Value::Int64(min), *SqlType::Bigint(), *to(38, 19)) ==
          Dec(Int128{min} * 10000000000000000000ULL, 19));
    CHECK(CastValue(Value::Int64(min), *SqlType::Bigint(), *to(38, 20)).IsNull());
    CHECK(CastValue(Value::Int32(99), *SqlType::Int(), *to(4, 2)) == Dec(9900, 2));
    CHECK(CastValue(Value::Int32(100), *SqlType::Int(), *to(4, 2)).IsNull());
    CHECK(CastValue(Dec(-999, 3), *SqlType::Decimal(3, 3), *to(3, 3)) == Dec(-999, 3));
    CHECK(CastValue(Dec(5, 1), *SqlType::Decimal(2, 1), *to(1, 1)) == Dec(5, 1));
    CHECK(CastValue(Dec(15, 1), *SqlType::Decimal(2, 1), *to(2, 2)).IsNull());
  }

  TEST_CASE("from DECIMAL (QTT cast.json: decimal to other)") {
    const SqlTypePtr d42 = SqlType::Decimal(4, 2);
    CHECK(CastValue(Dec(1, 2), *d42, *SqlType::Int()) == Value::Int32(0));
    CHECK(CastValue(Dec(1001, 2), *d42, *SqlType::Int()) == Value::Int32(10));
    CHECK(CastValue(Dec(1001, 2), *d42, *SqlType::Bigint()) == Value::Int64(10));
    CHECK(CastValue(Dec(-1999, 2), *d42, *SqlType::Bigint()) == Value::Int64(-19));
    CHECK(CastValue(Dec(1, 2), *d42, *SqlType::Double()) == Value::Double(0.01));
    CHECK(CastValue(Dec(1000, 2), *d42, *SqlType::Double()) == Value::Double(10.0));
    CHECK(CastValue(Dec(0, 2), *d42, *SqlType::String()) == Value::String("0.00"));
    CHECK(CastValue(Dec(1001, 2), *d42, *SqlType::String()) == Value::String("10.01"));
    // BigDecimal.intValue keeps the low 32 bits: 30000000000 - 7 * 2^32 = -64771072.
    CHECK(CastValue(Dec(30000000000, 0), *SqlType::Decimal(11, 0), *SqlType::Int()) ==
          Value::Int32(-64771072));
  }

  TEST_CASE("between integers and doubles, as Java's casts") {
    CHECK(CastValue(Value::Int64(2147483648), *SqlType::Bigint(), *SqlType::Int()) ==
          Value::Int32(-2147483647 - 1));
    CHECK(CastValue(Value::Int32(-7), *SqlType::Int(), *SqlType::Bigint()) == Value::Int64(-7));
    CHECK(CastValue(Value::Int32(3), *SqlType::Int(), *SqlType::Double()) == Value::Double(3.0));
    // QTT cast.json double to int: 3.3 - 2.1 is 1.1999999999999997.
    CHECK(CastValue(Value::Double(3.3 - 2.1), *SqlType::Double(), *SqlType::Int()) ==
          Value::Int32(1));
    CHECK(CastValue(Value::Double(-1.9), *SqlType::Double(), *SqlType::Int()) == Value::Int32(-1));
    CHECK(CastValue(Value::Double(1e10), *SqlType::Double(), *SqlType::Int()) ==
          Value::Int32(2147483647));
    CHECK(CastValue(Value::Double(std::nan("")), *SqlType::Double(), *SqlType::Int()) ==
          Value::Int32(0));
    CHECK(CastValue(Value::Double(-1e20), *SqlType::Double(), *SqlType::Bigint()) ==
          Value::Int64(std::numeric_limits<int64_t>::min()));
    CHECK(CastValue(Value::Double(1e10), *SqlType::Double(), *SqlType::String()) ==
          Value::String("1.0E10"));
  }

  TEST_CASE("from STRING: trimmed, NULL when it does not parse") {
    CHECK(CastValue(Value::String(" 42 "), *SqlType::String(), *SqlType::Int()) ==
          Value::Int32(42));
    CHECK(CastValue(Value::String("4.2"), *SqlType::String(), *SqlType::Int()).IsNull());
    CHECK(CastValue(Value::String("x"), *SqlType::String(), *SqlType::Bigint()).IsNull());
    CHECK(CastValue(Value::String("1e3"), *SqlType::String(), *SqlType::Double()) ==
          Value::Double(1000.0));
    CHECK(CastValue(Value::String("yes"), *SqlType::String(), *SqlType::Boolean()) ==
          Value::Boolean(true));
    CHECK(CastValue(Value::String(" t "), *SqlType::String(), *SqlType::Boolean()) ==
          Value::Boolean(true));
    CHECK(CastValue(Value::String("abc"), *SqlType::String(), *SqlType::Boolean()) ==
          Value::Boolean(false));
    CHECK(CastValue(Value::String("IQ=="), *SqlType::String(), *SqlType::Bytes()) ==
          Value::String("!"));
    CHECK(CastValue(Value::String("###"), *SqlType::String(), *SqlType::Bytes()).IsNull());
    // QTT cast.json: string to timestamp.
    CHECK(CastValue(Value::String("2022-04-28T21:44:47.943"),
                    *SqlType::String(),
                    *SqlType::Timestamp()) == Value::Int64(1651182287943));
    CHECK(CastValue(Value::String("2022-04-28T21:44:47.943Z"),
                    *SqlType::String(),
                    *SqlType::Timestamp()) == Value::Int64(1651182287943));
    CHECK(CastValue(Value::String("2022-04-28"), *SqlType::String(), *SqlType::Date()) ==
          Value::Int32(19110));
    CHECK(CastValue(Value::String("21:44:47.943"), *SqlType::String(), *SqlType::Time()) ==
          Value::Int32(78'287'943));
    CHECK(CastValue(Value::String("soon"), *SqlType::String(), *SqlType::Timestamp()).IsNull());
  }

  TEST_CASE("between TIMESTAMP, DATE, TIME and STRING") {
    const Value timestamp = Value::Int64(1651182287943);
    CHECK(CastValue(timestamp, *SqlType::Timestamp(), *SqlType::Date()) == Value::Int32(19110));
    CHECK(CastValue(timestamp, *SqlType::Timestamp(), *SqlType::Time()) ==
          Value::Int32(78'287'943));
    CHECK(CastValue(Value::Int32(19110), *SqlType::Date(), *SqlType::Timestamp()) ==
          Value::Int64(1651104000000));
    CHECK(CastValue(timestamp, *SqlType::Timestamp(), *SqlType::String()) ==
          Value::String("2022-04-28T21:44:47.943"));
    CHECK(CastValue(Value::Int32(19110), *SqlType::Date(), *SqlType::String()) ==
          Value::String("2022-04-28"));
    CHECK(CastValue(Value::Int32(78'287'943), *SqlType::Time(), *SqlType::String()) ==
          Value::String("21:44:47"));
  }
}

}  // namespace fluxo::expr
