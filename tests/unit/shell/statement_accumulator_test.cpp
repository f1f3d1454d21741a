#include "cli/shell/statement_accumulator.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo::cli::shell {
namespace {

std::vector<std::string> Texts(const std::vector<parser::StatementText>& statements) {
  std::vector<std::string> texts;
  for (const parser::StatementText& statement : statements) {
    texts.push_back(statement.text);
  }
  return texts;
}

TEST_SUITE("shell") {
  TEST_CASE("a statement completes at its semicolon, across lines") {
    StatementAccumulator accumulator;
    CHECK(accumulator.IsEmpty());
    CHECK(accumulator.AddLine("SELECT *").empty());
    CHECK_FALSE(accumulator.IsEmpty());
    CHECK(accumulator.AddLine("  FROM s").empty());
    CHECK(Texts(accumulator.AddLine("  EMIT CHANGES;")) ==
          std::vector<std::string>{"SELECT *\n  FROM s\n  EMIT CHANGES"});
    CHECK(accumulator.IsEmpty());
  }

  TEST_CASE("one line may hold several statements and the start of the next") {
    StatementAccumulator accumulator;
    CHECK(Texts(accumulator.AddLine("SHOW STREAMS; SHOW TABLES; DESCRIBE")) ==
          std::vector<std::string>{"SHOW STREAMS", "SHOW TABLES"});
    CHECK_FALSE(accumulator.IsEmpty());
    CHECK(Texts(accumulator.AddLine("s;")) == std::vector<std::string>{"DESCRIBE\ns"});
  }

  TEST_CASE("a semicolon inside a string or a quoted identifier does not end the statement") {
    StatementAccumulator accumulator;
    CHECK(accumulator.AddLine("INSERT INTO s (v) VALUES ('a;").empty());
    CHECK_FALSE(accumulator.IsEmpty());
    CHECK(accumulator.AddLine("b'') ;").empty());  // '' is an escaped quote: still inside.
    CHECK(Texts(accumulator.AddLine("');")) ==
          std::vector<std::string>{"INSERT INTO s (v) VALUES ('a;\nb'') ;\n')"});
    CHECK(Texts(accumulator.AddLine("SELECT `x;y` FROM t;")) ==
          std::vector<std::string>{"SELECT `x;y` FROM t"});
  }

  TEST_CASE("comments are respected: a semicolon in them does not count") {
    StatementAccumulator accumulator;
    CHECK(accumulator.AddLine("SELECT 1 -- not the end;").empty());
    CHECK(accumulator.AddLine("/* nor this; */").empty());
    CHECK(Texts(accumulator.AddLine("FROM t;")) ==
          std::vector<std::string>{"SELECT 1 -- not the end;\n/* nor this; */\nFROM t"});
  }

  TEST_CASE("a comment alone or blank lines leave nothing pending") {
    StatementAccumulator accumulator;
    CHECK(accumulator.AddLine("-- just a note").empty());
    CHECK(accumulator.IsEmpty());
    CHECK(accumulator.AddLine("   ").empty());
    CHECK(accumulator.IsEmpty());
    CHECK(accumulator.AddLine("/* open").empty());
    CHECK_FALSE(accumulator.IsEmpty());  // An open block comment waits for its end.
    CHECK(accumulator.AddLine("closed */").empty());
    CHECK(accumulator.IsEmpty());
  }

  TEST_CASE("Clear drops the unfinished statement") {
    StatementAccumulator accumulator;
    CHECK(accumulator.AddLine("SELECT 'oops").empty());
    accumulator.Clear();
    CHECK(accumulator.IsEmpty());
    CHECK(Texts(accumulator.AddLine("SHOW TOPICS;")) == std::vector<std::string>{"SHOW TOPICS"});
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
