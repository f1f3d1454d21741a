#include "parser/variable_substitution.h"

#include <map>
#include <string>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::parser {
namespace {

const std::map<std::string, std::string> kVariables = {
    {"FORMAT", "JSON"}, {"STREAM", "orders"}, {"N", "3"}, {"quoted", "q"}};

TEST_SUITE("shell") {
  TEST_CASE("replaces references in SQL text, string literals and quoted identifiers") {
    CHECK(SubstituteVariables("SELECT * FROM ${stream} EMIT CHANGES LIMIT ${N}", kVariables) ==
          "SELECT * FROM orders EMIT CHANGES LIMIT 3");
    CHECK(SubstituteVariables("WITH (value_format='${format}')", kVariables) ==
          "WITH (value_format='JSON')");
    CHECK(SubstituteVariables("SELECT `${Stream}_x` FROM t", kVariables) ==
          "SELECT `orders_x` FROM t");
  }

  TEST_CASE("names match case-insensitively, then as written") {
    CHECK(SubstituteVariables("${Format} ${FORMAT} ${format}", kVariables) == "JSON JSON JSON");
    CHECK(SubstituteVariables("${quoted}", kVariables) == "q");
  }

  TEST_CASE("comments are left alone, and so is text that is not a reference") {
    CHECK(SubstituteVariables("SELECT 1 -- ${undefined}\nFROM t /* ${also} */", kVariables) ==
          "SELECT 1 -- ${undefined}\nFROM t /* ${also} */");
    CHECK(SubstituteVariables("SELECT '$', '${', '${1x}', '$ {n}'", kVariables) ==
          "SELECT '$', '${', '${1x}', '$ {n}'");
    CHECK(SubstituteVariables("SELECT 'it''s ${n}'", kVariables) == "SELECT 'it''s 3'");
  }

  TEST_CASE("an undefined variable is an error that points at it") {
    try {
      SubstituteVariables("SELECT *\nFROM ${missing}", kVariables);
      FAIL("expected an error");
    } catch (const Error& error) {
      CHECK(error.kind() == ErrorKind::kBinding);
      CHECK(error.message() == "Variable ${missing} is not defined");
      REQUIRE(error.span().has_value());
      CHECK(error.span()->line == 2);
      CHECK(error.span()->column == 6);
      CHECK(error.span()->length == 10);
    }
  }
}

}  // namespace
}  // namespace fluxo::parser
