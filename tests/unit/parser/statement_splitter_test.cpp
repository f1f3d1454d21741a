#include "parser/statement_splitter.h"

#include <string>

#include <doctest/doctest.h>

namespace doctest {
template <>
struct StringMaker<fluxo::SourceSpan> {
  static String convert(const fluxo::SourceSpan& span) {
    const std::string text =
        "{line " + std::to_string(span.line) + ", column " + std::to_string(span.column) +
        ", offset " + std::to_string(span.offset) + ", length " + std::to_string(span.length) + "}";
    return String(text.c_str());
  }
};
}  // namespace doctest

namespace fluxo::parser {
namespace {

SourceSpan Span(int32_t line, int32_t column, int32_t offset, int32_t length) {
  return SourceSpan{line, column, offset, length};
}

TEST_SUITE("statement_splitter") {
  TEST_CASE("cuts at each semicolon and trims the pieces") {
    const SplitScript split = SplitStatements("SELECT 1;  SELECT 2 ;\n");
    REQUIRE(split.statements.size() == 2);
    CHECK(split.statements[0].text == "SELECT 1");
    CHECK(split.statements[0].span == Span(1, 1, 0, 8));
    CHECK(split.statements[1].text == "SELECT 2");
    CHECK(split.statements[1].span == Span(1, 12, 11, 8));
    CHECK(split.remainder == "\n");
    CHECK(split.remainder_is_blank);
  }

  TEST_CASE("a semicolon inside a string literal does not separate") {
    const SplitScript split =
        SplitStatements("SELECT 'a;b' FROM t; SELECT 'it''s;' FROM u; SELECT '', '''';");
    REQUIRE(split.statements.size() == 3);
    CHECK(split.statements[0].text == "SELECT 'a;b' FROM t");
    CHECK(split.statements[1].text == "SELECT 'it''s;' FROM u");
    CHECK(split.statements[2].text == "SELECT '', ''''");
    CHECK(split.remainder_is_blank);
  }

  TEST_CASE("a semicolon inside a back-quoted identifier does not separate") {
    const SplitScript split = SplitStatements("SELECT `a;b` FROM `x``;y`; SELECT 2;");
    REQUIRE(split.statements.size() == 2);
    CHECK(split.statements[0].text == "SELECT `a;b` FROM `x``;y`");
    CHECK(split.statements[1].text == "SELECT 2");
  }

  TEST_CASE("a semicolon inside a double-quoted identifier does not separate") {
    const SplitScript split = SplitStatements("SELECT \"a;b\"\"c;\" FROM t; SELECT 'x\"';");
    REQUIRE(split.statements.size() == 2);
    CHECK(split.statements[0].text == "SELECT \"a;b\"\"c;\" FROM t");
    CHECK(split.statements[1].text == "SELECT 'x\"'");
  }

  TEST_CASE("a semicolon inside a line comment does not separate") {
    const SplitScript split = SplitStatements("SELECT 1 -- not here; really\nFROM t;");
    REQUIRE(split.statements.size() == 1);
    CHECK(split.statements[0].text == "SELECT 1 -- not here; really\nFROM t");
    CHECK(split.statements[0].span == Span(1, 1, 0, 35));
  }

  TEST_CASE("a line comment before the semicolon stays in the text") {
    const SplitScript split = SplitStatements("SELECT 1 -- why\n;");
    REQUIRE(split.statements.size() == 1);
    CHECK(split.statements[0].text == "SELECT 1 -- why");
  }

  TEST_CASE("a semicolon inside a block comment does not separate") {
    const SplitScript split =
        SplitStatements("SELECT /* a; b */ 1;\n/*/ ; */ SELECT /* x\n ; y */ 2;");
    REQUIRE(split.statements.size() == 2);
    CHECK(split.statements[0].text == "SELECT /* a; b */ 1");
    CHECK(split.statements[1].text == "/*/ ; */ SELECT /* x\n ; y */ 2");
    CHECK(split.statements[1].span == Span(2, 1, 21, 30));
  }

  TEST_CASE("counts CRLF as one line break") {
    const SplitScript split = SplitStatements("SELECT 1;\r\nSELECT\r\n  2;\r\n");
    REQUIRE(split.statements.size() == 2);
    CHECK(split.statements[0].span == Span(1, 1, 0, 8));
    CHECK(split.statements[1].text == "SELECT\r\n  2");
    CHECK(split.statements[1].span == Span(2, 1, 11, 11));
    CHECK(split.remainder == "\r\n");
    CHECK(split.remainder_is_blank);
  }

  TEST_CASE("gives multi-line statements exact spans") {
    const SplitScript split =
        SplitStatements("SELECT a,\n       b\nFROM t;\n\n  -- next\n  SELECT c FROM u;");
    REQUIRE(split.statements.size() == 2);
    CHECK(split.statements[0].text == "SELECT a,\n       b\nFROM t");
    CHECK(split.statements[0].span == Span(1, 1, 0, 25));
    // A comment before a statement belongs to its text, so the span starts at the comment.
    CHECK(split.statements[1].text == "-- next\n  SELECT c FROM u");
    CHECK(split.statements[1].span == Span(5, 3, 30, 25));
    CHECK(split.remainder.empty());
  }

  TEST_CASE("counts UTF-8 text in code points, not bytes") {
    SUBCASE("an accented letter in a string") {
      const SplitScript split = SplitStatements("SELECT 'café;' FROM t; SELECT 1;");
      REQUIRE(split.statements.size() == 2);
      CHECK(split.statements[0].text == "SELECT 'café;' FROM t");
      CHECK(split.statements[0].span == Span(1, 1, 0, 21));
      CHECK(split.statements[1].span == Span(1, 24, 23, 8));
    }
    SUBCASE("an emoji before a statement") {
      const SplitScript split = SplitStatements("SELECT '😀'; SELECT 2;\n🎉 ;");
      REQUIRE(split.statements.size() == 3);
      CHECK(split.statements[0].text == "SELECT '😀'");
      CHECK(split.statements[0].span == Span(1, 1, 0, 10));
      CHECK(split.statements[1].span == Span(1, 13, 12, 8));
      CHECK(split.statements[2].text == "🎉");
      CHECK(split.statements[2].span == Span(2, 1, 22, 1));
    }
    SUBCASE("each invalid byte is one code point") {
      const SplitScript split = SplitStatements("SELECT '\xff\xfe'; \xe2\x82;");
      REQUIRE(split.statements.size() == 2);
      CHECK(split.statements[0].text == "SELECT '\xff\xfe'");
      CHECK(split.statements[0].span == Span(1, 1, 0, 11));
      CHECK(split.statements[1].text == "\xe2\x82");
      CHECK(split.statements[1].span == Span(1, 14, 13, 2));
    }
  }

  TEST_CASE("drops pieces that hold only whitespace and comments") {
    const SplitScript split = SplitStatements(";; ;\n-- note\n; /* c */ ;SELECT 1;");
    REQUIRE(split.statements.size() == 1);
    CHECK(split.statements[0].text == "SELECT 1");
    CHECK(split.statements[0].span == Span(3, 12, 24, 8));
    CHECK(split.remainder_is_blank);
  }

  TEST_CASE("keeps incomplete input in a non-blank remainder") {
    SUBCASE("an open string") {
      const SplitScript split = SplitStatements("SELECT 'abc;");
      CHECK(split.statements.empty());
      CHECK(split.remainder == "SELECT 'abc;");
      CHECK_FALSE(split.remainder_is_blank);
    }
    SUBCASE("a statement without its semicolon") {
      const SplitScript split = SplitStatements("SELECT 1; SELECT 2");
      CHECK(split.statements.size() == 1);
      CHECK(split.remainder == " SELECT 2");
      CHECK_FALSE(split.remainder_is_blank);
    }
    SUBCASE("an open block comment") {
      const SplitScript split = SplitStatements("SELECT 1; /* open ;");
      CHECK(split.statements.size() == 1);
      CHECK(split.remainder == " /* open ;");
      CHECK_FALSE(split.remainder_is_blank);
    }
    SUBCASE("open quoted identifiers") {
      CHECK_FALSE(SplitStatements("SELECT `a;").remainder_is_blank);
      CHECK_FALSE(SplitStatements("SELECT \"a;").remainder_is_blank);
    }
    SUBCASE("a semicolon hidden by a line comment") {
      const SplitScript split = SplitStatements("SELECT 1 -- done;");
      CHECK(split.statements.empty());
      CHECK_FALSE(split.remainder_is_blank);
    }
  }

  TEST_CASE("treats trailing comments and whitespace as a blank remainder") {
    SUBCASE("a line comment at the end of the script") {
      const SplitScript split = SplitStatements("SELECT 1; -- done");
      CHECK(split.statements.size() == 1);
      CHECK(split.remainder == " -- done");
      CHECK(split.remainder_is_blank);
    }
    SUBCASE("a closed block comment") {
      const SplitScript split = SplitStatements("SELECT 1; /* done; */ \n");
      CHECK(split.statements.size() == 1);
      CHECK(split.remainder_is_blank);
    }
    SUBCASE("an empty script") {
      const SplitScript split = SplitStatements("");
      CHECK(split.statements.empty());
      CHECK(split.remainder.empty());
      CHECK(split.remainder_is_blank);
    }
  }
}

}  // namespace
}  // namespace fluxo::parser
