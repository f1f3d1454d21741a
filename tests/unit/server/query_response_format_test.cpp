#include "cli/server/query_response_format.h"

#include <doctest/doctest.h>

namespace fluxo::cli::server {

namespace {

std::vector<Column> PagesColumns() {
  Column id;
  id.name = "ID";
  id.type = SqlType::Int();
  id.column_namespace = ColumnNamespace::kKey;
  Column page;
  page.name = "PAGE";
  page.type = SqlType::String();
  Column amount;
  amount.name = "AMOUNT";
  amount.type = SqlType::Decimal(4, 2);
  return {id, page, amount};
}

engine::PushQueryRow Row() {
  engine::PushQueryRow row;
  row.key = {Value::Int32(7)};
  row.values = {Value::String("home \"page\""), Value::Decimal(DecimalValue{1050, 2})};
  return row;
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("delimited: a header object, then one array per line") {
    const QueryResponseFormat format(QueryResponseKind::kDelimited, PagesColumns(), "transient_1");
    CHECK(format.content_type() == "application/vnd.ksqlapi.delimited.v1");
    CHECK(format.Header() ==
          "{\"queryId\":\"transient_1\",\"columnNames\":[\"ID\",\"PAGE\",\"AMOUNT\"],"
          "\"columnTypes\":[\"INTEGER\",\"STRING\",\"DECIMAL(4, 2)\"]}\n");
    CHECK(format.PushRow(Row()) == "[7,\"home \\\"page\\\"\",10.50]\n");
    CHECK(format.End(QueryEnd::kLimitReached).empty());
  }

  TEST_CASE("JSON array: a pull query's header has no queryId") {
    const QueryResponseFormat format(QueryResponseKind::kJsonArray, PagesColumns(), "");
    CHECK(format.content_type() == "application/json");
    const std::string body = format.Header() +
                             format.Row({Value::Int32(1), Value::Null(), Value::Null()}) +
                             format.End(QueryEnd::kClosed);
    CHECK(body ==
          "[{\"columnNames\":[\"ID\",\"PAGE\",\"AMOUNT\"],\"columnTypes\":[\"INTEGER\",\"STRING\","
          "\"DECIMAL(4, 2)\"]},[1,null,null]]");
  }

  TEST_CASE("legacy /query: header with schema, rows, tombstones, final message") {
    const QueryResponseFormat format(QueryResponseKind::kLegacyQuery, PagesColumns(), "q1");
    engine::PushQueryRow tombstone;
    tombstone.key = {Value::Int32(7)};
    tombstone.tombstone = true;
    const std::string body = format.Header() + format.PushRow(Row()) + format.PushRow(tombstone) +
                             format.End(QueryEnd::kLimitReached);
    CHECK(body ==
          "[{\"header\":{\"queryId\":\"q1\",\"schema\":\"`ID` INTEGER, `PAGE` STRING, `AMOUNT` "
          "DECIMAL(4, 2)\"}},\n"
          "{\"row\":{\"columns\":[7,\"home \\\"page\\\"\",10.50]}},\n"
          "{\"row\":{\"columns\":[7,null,null],\"tombstone\":true}},\n"
          "{\"finalMessage\":\"Limit Reached\"}]");
    CHECK(format.End(QueryEnd::kClosed) == "]");
  }
}

}  // namespace fluxo::cli::server
