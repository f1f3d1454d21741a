#include "runtime/core/sql_type.h"

#include <doctest/doctest.h>

#include "runtime/core/logical_schema.h"

namespace fluxo {

TEST_SUITE("core") {
  TEST_CASE("types print as ksqlDB writes them") {
    CHECK(SqlType::Int()->ToString() == "INTEGER");
    CHECK(SqlType::Decimal(10, 2)->ToString() == "DECIMAL(10, 2)");
    CHECK(SqlType::Map(SqlType::String(), SqlType::Array(SqlType::Bigint()))->ToString() ==
          "MAP<STRING, ARRAY<BIGINT>>");
    CHECK(SqlType::Struct({{"A", SqlType::Int()}, {"b", SqlType::String()}})->ToString() ==
          "STRUCT<`A` INTEGER, `b` STRING>");
  }

  TEST_CASE("type equality is structural") {
    CHECK(*SqlType::Decimal(10, 2) == *SqlType::Decimal(10, 2));
    CHECK_FALSE(*SqlType::Decimal(10, 2) == *SqlType::Decimal(10, 3));
    CHECK(SameType(SqlType::Array(SqlType::Int()), SqlType::Array(SqlType::Int())));
    CHECK_FALSE(SameType(SqlType::Array(SqlType::Int()), SqlType::Array(SqlType::Bigint())));
    CHECK_FALSE(SameType(SqlType::Struct({{"A", SqlType::Int()}}),
                         SqlType::Struct({{"a", SqlType::Int()}})));
    CHECK(SameType(nullptr, nullptr));
    CHECK_FALSE(SameType(SqlType::Int(), nullptr));
  }

  TEST_CASE("struct fields are found by exact name") {
    const SqlTypePtr type = SqlType::Struct({{"A", SqlType::Int()}, {"b", SqlType::String()}});
    CHECK(type->FieldIndex("b") == 1);
    CHECK(type->FieldIndex("B") == -1);
  }

  TEST_CASE("a logical schema puts key columns first, keeping declaration order") {
    const LogicalSchema schema({{"V1", SqlType::Int(), ColumnNamespace::kValue, ""},
                                {"K", SqlType::String(), ColumnNamespace::kKey, ""},
                                {"V2", SqlType::Double(), ColumnNamespace::kValue, ""}});
    REQUIRE(schema.columns().size() == 3);
    CHECK(schema.columns()[0].name == "K");
    CHECK(schema.columns()[1].name == "V1");
    CHECK(schema.columns()[2].name == "V2");
    CHECK(schema.Find("V2") == 2);
    CHECK_FALSE(schema.Find("v2").has_value());
    CHECK(schema.IndexesIn(ColumnNamespace::kValue) == std::vector<size_t>{1, 2});
  }
}

}  // namespace fluxo
