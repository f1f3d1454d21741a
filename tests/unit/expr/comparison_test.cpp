#include "runtime/expr/comparison.h"

#include <cmath>
#include <limits>

#include <doctest/doctest.h>

namespace fluxo::expr {

namespace {

Value Dec(Int128 unscaled, int32_t scale) {
  return Value::Decimal(DecimalValue{unscaled, scale});
}

bool TypeIs(const SqlTypePtr& got, const SqlTypePtr& want) {
  return SameType(got, want);
}

bool CommonIs(const std::vector<SqlTypePtr>& types, const SqlTypePtr& want) {
  const std::optional<SqlTypePtr> got = CommonType(types);
  return got.has_value() && SameType(*got, want);
}

}  // namespace

TEST_SUITE("expr") {
  TEST_CASE("numbers compare as the wider type") {
    CHECK(TypeIs(ComparisonType(*SqlType::Int(), *SqlType::Bigint(), true), SqlType::Bigint()));
    CHECK(TypeIs(ComparisonType(*SqlType::Int(), *SqlType::Int(), true), SqlType::Int()));
    CHECK(TypeIs(ComparisonType(*SqlType::Bigint(), *SqlType::Double(), true), SqlType::Double()));
    CHECK(TypeIs(ComparisonType(*SqlType::Decimal(4, 2), *SqlType::Double(), false),
                 SqlType::Double()));
    // binary-comparison.json: E DECIMAL(4,3) = 1.20 (DECIMAL(3,2)).
    CHECK(TypeIs(ComparisonType(*SqlType::Decimal(4, 3), *SqlType::Decimal(3, 2), false),
                 SqlType::Decimal(4, 3)));
    CHECK(TypeIs(ComparisonType(*SqlType::Int(), *SqlType::Decimal(4, 3), true),
                 SqlType::Decimal(13, 3)));
    CHECK(TypeIs(ComparisonType(*SqlType::Decimal(5, 0), *SqlType::Decimal(3, 2), true),
                 SqlType::Decimal(7, 2)));
    CHECK(ComparisonType(*SqlType::Int(), *SqlType::String(), false) == nullptr);
  }

  TEST_CASE("which other types compare (ksqlDB's ComparisonUtil)") {
    CHECK(TypeIs(ComparisonType(*SqlType::String(), *SqlType::String(), true), SqlType::String()));
    CHECK(TypeIs(ComparisonType(*SqlType::Bytes(), *SqlType::Bytes(), true), SqlType::Bytes()));
    CHECK(ComparisonType(*SqlType::Bytes(), *SqlType::String(), false) == nullptr);
    CHECK(TypeIs(ComparisonType(*SqlType::Boolean(), *SqlType::Boolean(), false),
                 SqlType::Boolean()));
    CHECK(ComparisonType(*SqlType::Boolean(), *SqlType::Boolean(), true) == nullptr);
    CHECK(TypeIs(ComparisonType(*SqlType::Timestamp(), *SqlType::String(), true),
                 SqlType::Timestamp()));
    CHECK(TypeIs(ComparisonType(*SqlType::String(), *SqlType::Date(), true), SqlType::Date()));
    CHECK(TypeIs(ComparisonType(*SqlType::Time(), *SqlType::String(), true), SqlType::Time()));
    CHECK(TypeIs(ComparisonType(*SqlType::Date(), *SqlType::Timestamp(), true),
                 SqlType::Timestamp()));
    CHECK(ComparisonType(*SqlType::Time(), *SqlType::Timestamp(), false) == nullptr);
    CHECK(ComparisonType(*SqlType::Date(), *SqlType::Time(), false) == nullptr);
    CHECK(ComparisonType(*SqlType::Timestamp(), *SqlType::Bigint(), false) == nullptr);
  }

  TEST_CASE("ARRAY, MAP and STRUCT compare for equality only (binary-comparison.json)") {
    const SqlTypePtr ints = SqlType::Array(SqlType::Int());
    const SqlTypePtr map = SqlType::Map(SqlType::String(), SqlType::Int());
    const SqlTypePtr row = SqlType::Struct({{"ID", SqlType::Int()}});
    for (const SqlTypePtr& type : {ints, map, row}) {
      CHECK(TypeIs(ComparisonType(*type, *type, false), type));
      CHECK(ComparisonType(*type, *type, true) == nullptr);  // "Cannot compare B ... LESS_THAN"
    }
    CHECK(ComparisonType(*ints, *map, false) == nullptr);
    CHECK(TypeIs(ComparisonType(*ints, *SqlType::Array(SqlType::Bigint()), false),
                 SqlType::Array(SqlType::Bigint())));
  }

  TEST_CASE("ordering of primitive values") {
    // binary-comparison.json: D DECIMAL(4,3) against the literal 1.20.
    const SqlTypePtr d43 = SqlType::Decimal(4, 3);
    CHECK(CompareValues(Dec(1200, 3), Dec(120, 2), *d43) == 0);
    CHECK(CompareValues(Dec(1190, 3), Dec(120, 2), *d43) < 0);
    CHECK(CompareValues(Dec(1210, 3), Dec(120, 2), *d43) > 0);
    CHECK(CompareValues(Value::String("Foo"), Value::String("foo"), *SqlType::String()) < 0);
    CHECK(CompareValues(Value::String("goo"), Value::String("foo"), *SqlType::String()) > 0);
    CHECK(CompareValues(Value::Boolean(false), Value::Boolean(true), *SqlType::Boolean()) < 0);
    CHECK(CompareValues(Value::Int32(10), Value::Int32(11), *SqlType::Int()) < 0);
    CHECK(CompareValues(Value::Int64(4294967296), Value::Int64(4294967296), *SqlType::Bigint()) ==
          0);
    CHECK(CompareValues(Value::Double(1.0), Value::Double(1.1), *SqlType::Double()) < 0);
    CHECK(CompareValues(Value::Int64(-1), Value::Int64(5), *SqlType::Timestamp()) < 0);
    // ByteBuffer.compareTo sees signed bytes: 0x80 is -128, below 0x7f.
    CHECK(CompareValues(Value::String("\x80"), Value::String("\x7f"), *SqlType::Bytes()) < 0);
    CHECK(CompareValues(Value::String("a"), Value::String("ab"), *SqlType::Bytes()) < 0);
  }

  TEST_CASE("CompareValues orders doubles as Double.compare; CompareSql as the SQL operators") {
    const SqlType& d = *SqlType::Double();
    const Value nan = Value::Double(std::nan(""));
    CHECK(CompareValues(Value::Double(-0.0), Value::Double(0.0), d) < 0);
    CHECK(CompareValues(nan, nan, d) == 0);
    CHECK(CompareValues(nan, Value::Double(std::numeric_limits<double>::infinity()), d) > 0);
    CHECK(CompareSql(Value::Double(-0.0), Value::Double(0.0), d) == 0);
    CHECK_FALSE(CompareSql(nan, nan, d).has_value());
    CHECK_FALSE(CompareSql(nan, Value::Double(1), d).has_value());
    CHECK(CompareSql(Value::Double(1), Value::Double(2), d) == -1);
    CHECK(CompareSql(Value::Int32(2), Value::Int32(1), *SqlType::Int()) == 1);
    CHECK(CompareSql(Value::String("a"), Value::String("a"), *SqlType::String()) == 0);
    CHECK_FALSE(CompareSql(Dec(1, 0), nan, d).has_value());
  }

  TEST_CASE("numbers of different storage compare exactly, as ksqlDB does") {
    const SqlType& d = *SqlType::Double();
    CHECK(CompareValues(Value::Int32(1), Value::Double(1.1), d) < 0);
    CHECK(CompareValues(Value::Int64(2), Value::Int32(2), *SqlType::Bigint()) == 0);
    CHECK(CompareValues(Value::Int32(12), Dec(1200, 2), *SqlType::Decimal(12, 2)) == 0);
    // BigDecimal.valueOf(1.1) is exactly 1.1.
    CHECK(CompareValues(Dec(11, 1), Value::Double(1.1), d) == 0);
    CHECK(CompareValues(Value::Double(1.1), Dec(110000000000000001, 17), d) < 0);
    CHECK(CompareValues(Dec(5, 0), Value::Double(-std::numeric_limits<double>::infinity()), d) > 0);
  }

  TEST_CASE("collections are equal as Java's equals says (binary-comparison.json)") {
    const SqlTypePtr ints = SqlType::Array(SqlType::Int());
    const Value one_two = Value::List({Value::Int32(1), Value::Int32(2)});
    CHECK(CompareValues(one_two, Value::List({Value::Int32(1), Value::Int32(2)}), *ints) == 0);
    CHECK(CompareValues(one_two, Value::List({Value::Int32(1)}), *ints) != 0);
    CHECK(CompareValues(Value::List({Value()}), Value::List({Value()}), *ints) == 0);
    const SqlTypePtr map = SqlType::Map(SqlType::String(), SqlType::Int());
    const auto entry = [](const char* key, int32_t value) {
      return std::make_pair(Value::String(key), Value::Int32(value));
    };
    CHECK(CompareValues(Value::Pairs({entry("a", 1)}), Value::Pairs({entry("a", 1)}), *map) == 0);
    CHECK(CompareValues(Value::Pairs({entry("a", 1)}), Value::Pairs({entry("a", 2)}), *map) != 0);
    CHECK(CompareValues(Value::Pairs({entry("a", 1)}), Value::Pairs({entry("b", 1)}), *map) != 0);
    CHECK(CompareValues(Value::Pairs({entry("a", 1), entry("b", 2)}),
                        Value::Pairs({entry("b", 2), entry("a", 1)}),
                        *map) == 0);
    const SqlTypePtr row = SqlType::Struct({{"ID", SqlType::Int()}});
    CHECK(CompareValues(Value::List({Value::Int32(2)}), Value::List({Value::Int32(2)}), *row) == 0);
    CHECK(CompareValues(Value::List({Value::Int32(2)}), Value::List({Value()}), *row) != 0);
    // "nested collections comparison": structs whose only field is NULL are equal.
    const SqlTypePtr rows = SqlType::Array(row);
    const Value nulls = Value::List({Value::List({Value()}), Value::List({Value()})});
    CHECK(CompareValues(nulls, nulls, *rows) == 0);
    CHECK(CompareValues(nulls, Value::List({Value::List({Value()})}), *rows) != 0);
    // Double.equals inside a collection: NaN equals NaN, -0.0 differs from 0.0.
    const SqlTypePtr doubles = SqlType::Array(SqlType::Double());
    const Value nan = Value::List({Value::Double(std::nan(""))});
    CHECK(CompareValues(nan, nan, *doubles) == 0);
    CHECK(CompareValues(Value::List({Value::Double(-0.0)}),
                        Value::List({Value::Double(0.0)}),
                        *doubles) != 0);
  }

  TEST_CASE("common types of value lists (CoercionUtil)") {
    CHECK(CommonIs({SqlType::Int(), SqlType::Bigint()}, SqlType::Bigint()));
    CHECK(CommonIs({SqlType::Int(), nullptr, SqlType::Double()}, SqlType::Double()));
    CHECK(CommonIs({SqlType::Boolean(), SqlType::Boolean()}, SqlType::Boolean()));
    CHECK(CommonIs({nullptr}, nullptr));
    CHECK(CommonIs({}, nullptr));
    CHECK_FALSE(CommonType({SqlType::Int(), SqlType::String()}).has_value());
    CHECK_FALSE(CommonType({SqlType::Date(), SqlType::Timestamp()}).has_value());
    CHECK_FALSE(CommonType({SqlType::Boolean(), SqlType::Int()}).has_value());
    CHECK(CommonIs({SqlType::Decimal(3, 1), SqlType::Decimal(4, 2)}, SqlType::Decimal(4, 2)));
    CHECK(CommonIs({SqlType::Decimal(5, 0), SqlType::Decimal(3, 2)}, SqlType::Decimal(7, 2)));
    CHECK(CommonIs({SqlType::Int(), SqlType::Decimal(3, 1)}, SqlType::Decimal(11, 1)));
    CHECK(CommonIs({SqlType::Decimal(3, 1), SqlType::Double()}, SqlType::Double()));
    CHECK(CommonIs({SqlType::String(), SqlType::Timestamp()}, SqlType::Timestamp()));
    CHECK(CommonIs({SqlType::Array(SqlType::Int()), SqlType::Array(SqlType::Bigint())},
                   SqlType::Array(SqlType::Bigint())));
    CHECK(CommonIs({SqlType::Map(SqlType::String(), SqlType::Int()),
                    SqlType::Map(SqlType::String(), SqlType::Double())},
                   SqlType::Map(SqlType::String(), SqlType::Double())));
    CHECK_FALSE(CommonType({SqlType::Array(SqlType::Int()), SqlType::Array(SqlType::String())})
                    .has_value());
    // STRUCTs unite their fields, the later one's first.
    CHECK(CommonIs(
        {SqlType::Struct({{"A", SqlType::Int()}}), SqlType::Struct({{"B", SqlType::Int()}})},
        SqlType::Struct({{"B", SqlType::Int()}, {"A", SqlType::Int()}})));
    CHECK(CommonIs(
        {SqlType::Struct({{"A", SqlType::Int()}}), SqlType::Struct({{"A", SqlType::Bigint()}})},
        SqlType::Struct({{"A", SqlType::Bigint()}})));
  }
}

}  // namespace fluxo::expr
