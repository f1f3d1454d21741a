#include "cli/shell/box_table.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo::cli::shell {
namespace {

TEST_SUITE("shell") {
  TEST_CASE("a table is boxed, each column as wide as its widest cell") {
    CHECK(RenderTable({"Name", "Type"}, {{"ORDERS", "STREAM"}, {"T", "TABLE"}}) ==
          "+--------+--------+\n"
          "| Name   | Type   |\n"
          "+--------+--------+\n"
          "| ORDERS | STREAM |\n"
          "| T      | TABLE  |\n"
          "+--------+--------+\n"
          "(2 rows)\n");
  }

  TEST_CASE("an empty table shows its header and says so") {
    CHECK(RenderTable({"Kafka Topic"}, {}) ==
          "+-------------+\n"
          "| Kafka Topic |\n"
          "+-------------+\n"
          "(0 rows)\n");
  }

  TEST_CASE("cells with line breaks take several lines; widths count code points") {
    CHECK(RenderTable({"k", "plan"}, {{"é", "a\nbcd"}}) ==
          "+---+------+\n"
          "| k | plan |\n"
          "+---+------+\n"
          "| é | a    |\n"
          "|   | bcd  |\n"
          "+---+------+\n"
          "(1 row)\n");
    CHECK(DisplayWidth("naïve") == 5);
  }

  TEST_CASE("a streamed table shares the terminal and wraps long cells") {
    // 30 columns: 2 kept free, 3 per column of borders and padding: 11 for each of two.
    const StreamingTable table({"ID", "NAME"}, 30);
    CHECK(table.Header() ==
          "+-------------+-------------+\n"
          "| ID          | NAME        |\n"
          "+-------------+-------------+\n");
    CHECK(table.Row({"1", "abcdefghijklmnop"}) ==
          "| 1           | abcdefghijk |\n"
          "|             | lmnop       |\n");
    CHECK(table.Footer() == "+-------------+-------------+\n");
  }

  TEST_CASE("a streamed column is never narrower than its header nor wider than 40") {
    const StreamingTable narrow({"A_LONG_COLUMN_NAME"}, 10);
    CHECK(narrow.Header().find("| A_LONG_COLUMN_NAME |") != std::string::npos);
    const StreamingTable wide({"A"}, 500);
    CHECK(wide.Footer().size() == 40 + 4 + 1);
  }

  TEST_CASE("header-wide columns take only their header's width") {
    // 20 columns: 2 kept free, 5 for "| op ", 3 for the rest of ID's borders: 10 for ID.
    const StreamingTable table({"op", "ID"}, 20, 1);
    CHECK(table.Row({"+I", "1"}) == "| +I | 1" + std::string(10, ' ') + "|\n");
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
