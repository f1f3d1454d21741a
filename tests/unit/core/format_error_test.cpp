#include "runtime/core/format_error.h"

#include <string>
#include <utility>

#include <doctest/doctest.h>

namespace fluxo {
namespace {

Error SyntaxError(std::string message, int32_t line, int32_t column, int32_t length) {
  return Error(ErrorKind::kSyntax, std::move(message), SourceSpan{line, column, 0, length});
}

/// Returns the caret line's padding: "    | " for a one-digit line number plus `spaces`.
std::string CaretPrefix(int spaces, int gutter_digits = 1) {
  return std::string(2 + gutter_digits + 1, ' ') + "| " + std::string(spaces, ' ');
}

TEST_SUITE("format_error") {
  TEST_CASE("renders the message, the line and a caret under the span") {
    const std::string source =
        "CREATE TABLE t AS SELECT id, COUNT(*) FROM s\n"
        "WINDOW TUMBLING (SIZE 30 SECONDZ)\n"
        "GROUP BY id;";
    const Error error = SyntaxError("unexpected 'SECONDZ'", 2, 26, 7);
    CHECK(FormatError(error, source) ==
          "line 2:26: unexpected 'SECONDZ'\n"
          "  2 | WINDOW TUMBLING (SIZE 30 SECONDZ)\n"
          "    |                          ^~~~~~~");
  }

  TEST_CASE("renders only the message when there is no span") {
    const Error error(ErrorKind::kBinding, "Unknown column: ORDER_ID");
    CHECK(FormatError(error, "SELECT ORDER_ID FROM s;") == "Unknown column: ORDER_ID");
  }

  TEST_CASE("renders only the message when the line is not in the source") {
    const Error error = SyntaxError("unexpected end of input", 3, 1, 0);
    CHECK(FormatError(error, "SELECT 1\nFROM") == "line 3:1: unexpected end of input");
    CHECK(FormatError(error, "") == "line 3:1: unexpected end of input");
  }

  TEST_CASE("puts the caret in the first column") {
    const Error error = SyntaxError("unexpected 'SELEC'", 1, 1, 5);
    CHECK(FormatError(error, "SELEC * FROM t;") ==
          "line 1:1: unexpected 'SELEC'\n"
          "  1 | SELEC * FROM t;\n"
          "    | ^~~~~");
  }

  TEST_CASE("draws a lone caret for a span of length 0 or 1") {
    CHECK(FormatError(SyntaxError("m", 1, 3, 0), "abcd") ==
          "line 1:3: m\n  1 | abcd\n" + CaretPrefix(2) + "^");
    CHECK(FormatError(SyntaxError("m", 1, 3, 1), "abcd") ==
          "line 1:3: m\n  1 | abcd\n" + CaretPrefix(2) + "^");
  }

  TEST_CASE("expands tabs and moves the caret with them") {
    // The first tab fills columns 0-3; the second runs from column 10 to the stop at 12.
    const Error error = SyntaxError("unexpected 'foo'", 1, 9, 3);
    CHECK(FormatError(error, "\tSELECT\tfoo FROM t") ==
          "line 1:9: unexpected 'foo'\n"
          "  1 |     SELECT  foo FROM t\n" +
              CaretPrefix(12) + "^~~");
  }

  TEST_CASE("underlines a tab inside the span by its displayed width") {
    const Error error = SyntaxError("m", 1, 2, 2);
    CHECK(FormatError(error, "a\tb") == "line 1:2: m\n  1 | a   b\n" + CaretPrefix(1) + "^~~~");
  }

  TEST_CASE("clips a long line on both sides around the caret") {
    const std::string line = std::string(119, 'x') + "TARGET" + std::string(75, 'y');
    const Error error = SyntaxError("unexpected 'TARGET'", 1, 120, 6);
    const std::string shown =
        "..." + std::string(50, 'x') + "TARGET" + std::string(38, 'y') + "...";
    REQUIRE(shown.size() == 100);
    CHECK(FormatError(error, line) ==
          "line 1:120: unexpected 'TARGET'\n  1 | " + shown + "\n" + CaretPrefix(53) + "^~~~~~");
    CHECK(shown.substr(53, 6) == "TARGET");
  }

  TEST_CASE("clips a long line on one side when the caret is near an end") {
    SUBCASE("near the start") {
      const std::string line = std::string(9, 'x') + "T" + std::string(190, 'y');
      const std::string shown = std::string(9, 'x') + "T" + std::string(87, 'y') + "...";
      CHECK(FormatError(SyntaxError("m", 1, 10, 1), line) ==
            "line 1:10: m\n  1 | " + shown + "\n" + CaretPrefix(9) + "^");
    }
    SUBCASE("past the end") {
      const std::string line = std::string(150, 'x') + "END";
      const std::string shown = "..." + std::string(94, 'x') + "END";
      CHECK(FormatError(SyntaxError("unexpected end of input", 1, 154, 0), line) ==
            "line 1:154: unexpected end of input\n  1 | " + shown + "\n" + CaretPrefix(100) + "^");
    }
  }

  TEST_CASE("counts columns in code points") {
    const Error error = SyntaxError("unexpected 'x'", 1, 16, 1);
    CHECK(FormatError(error, "SELECT 'café', x FROM t") ==
          "line 1:16: unexpected 'x'\n"
          "  1 | SELECT 'café', x FROM t\n" +
              CaretPrefix(15) + "^");
    CHECK(FormatError(SyntaxError("m", 1, 3, 2), "😀 ab") ==
          "line 1:3: m\n  1 | 😀 ab\n" + CaretPrefix(2) + "^~");
  }

  TEST_CASE("shows an invalid byte as one replacement character") {
    CHECK(FormatError(SyntaxError("m", 1, 4, 1), "'\xff' x") ==
          "line 1:4: m\n  1 | '\xEF\xBF\xBD' x\n" + CaretPrefix(3) + "^");
  }

  TEST_CASE("puts the caret after the last character for a span at the end of a line") {
    const std::string expected =
        "line 1:14: unexpected end of input\n"
        "  1 | SELECT * FROM\n" +
        CaretPrefix(13) + "^";
    CHECK(FormatError(SyntaxError("unexpected end of input", 1, 14, 0), "SELECT * FROM") ==
          expected);
    // A span longer than what is left of the line still draws a single caret.
    CHECK(FormatError(SyntaxError("unexpected end of input", 1, 14, 3), "SELECT * FROM\n") ==
          expected);
    // A column further out is pulled back to just after the line.
    CHECK(FormatError(SyntaxError("m", 1, 50, 1), "SELECT * FROM") ==
          "line 1:50: m\n  1 | SELECT * FROM\n" + CaretPrefix(13) + "^");
  }

  TEST_CASE("clips the underline at the end of the line") {
    CHECK(FormatError(SyntaxError("m", 1, 10, 20), "SELECT * FROM\nt") ==
          "line 1:10: m\n  1 | SELECT * FROM\n" + CaretPrefix(9) + "^~~~");
  }

  TEST_CASE("drops the carriage return of a CRLF line") {
    CHECK(FormatError(SyntaxError("unexpected 'y'", 2, 8, 1), "SELECT 1\r\nFROM x y\r\n") ==
          "line 2:8: unexpected 'y'\n  2 | FROM x y\n" + CaretPrefix(7) + "^");
  }

  TEST_CASE("widens the gutter for multi-digit line numbers") {
    std::string source;
    for (int line = 1; line <= 11; ++line) {
      source += "SELECT " + std::to_string(line) + ";\n";
    }
    source += "bad line";
    const std::string formatted = FormatError(SyntaxError("unexpected 'bad'", 12, 1, 3), source);
    CHECK(formatted ==
          "line 12:1: unexpected 'bad'\n"
          "  12 | bad line\n"
          "     | ^~~");
    CHECK(formatted.back() != '\n');
  }
}

}  // namespace
}  // namespace fluxo
