#include "cli/shell/push_row_format.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "cli/shell/sql_type_name.h"

namespace fluxo::cli::shell {
namespace {

TEST_SUITE("shell") {
  TEST_CASE("type names read back as SqlType::ToString writes them") {
    const std::vector<SqlTypePtr> types = {
        SqlType::Int(),
        SqlType::Decimal(10, 2),
        SqlType::Timestamp(),
        SqlType::Array(SqlType::String()),
        SqlType::Map(SqlType::String(), SqlType::Bigint()),
        SqlType::Struct({{"A", SqlType::Int()}, {"b c", SqlType::Array(SqlType::Double())}}),
    };
    for (const SqlTypePtr& type : types) {
      CAPTURE(type->ToString());
      const SqlTypePtr parsed = ParseSqlTypeName(type->ToString());
      REQUIRE(parsed != nullptr);
      CHECK(*parsed == *type);
    }
    CHECK(*ParseSqlTypeName("INT") == *SqlType::Int());
    CHECK(*ParseSqlTypeName("varchar") == *SqlType::String());
    CHECK(ParseSqlTypeName("GEOMETRY") == nullptr);
    CHECK(ParseSqlTypeName("ARRAY<INT") == nullptr);
  }

  TEST_CASE("cells are the key columns then the value columns, as CAST to STRING writes") {
    const PushRowFormat format({"ID", "AT", "NAME", "PRICE"},
                               {"INTEGER", "TIMESTAMP", "STRING", "DOUBLE"});
    engine::PushQueryRow row;
    row.key = {Value::Int32(7)};
    row.values = {Value::Int64(0), Value::Null(), Value::Double(2.0)};
    CHECK(format.Cells(row) ==
          std::vector<std::string>{"7", "1970-01-01T00:00:00.000", "null", "2.0"});
    CHECK(format.Json(row) == R"({"ID":7,"AT":0,"NAME":null,"PRICE":2.0})");
  }

  TEST_CASE("a delete has its key only") {
    const PushRowFormat format({"ID", "TOTAL"}, {"STRING", "BIGINT"});
    engine::PushQueryRow row;
    row.key = {Value::String("a\"b")};
    row.tombstone = true;
    CHECK(format.Cells(row) == std::vector<std::string>{"a\"b", ""});
    CHECK(format.Json(row) == R"({"ID":"a\"b","TOTAL":null})");
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
