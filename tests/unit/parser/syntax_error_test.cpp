// Negative parser tests: scripts that must not parse, each with the exact text a person sees for
// it, i.e. FormatError's rendering of the kSyntax error that ParseStatements throws: the message
// with its `line L:C:` prefix, the offending source line and a caret under the offending token.
//
// Every expectation was worked out from the grammar (grammar/Sql.g4) and the listener's phrasing
// (parser/syntax_error_listener.cpp), not copied from the parser's output: the caret sits under
// the token at fault (columns count code points, tabs expand to the next multiple of 4), it is as
// wide as that token, and at the end of the input it sits just after the last character.

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "runtime/core/error.h"
#include "runtime/core/format_error.h"

namespace fluxo::parser {

namespace {

struct SyntaxErrorCase {
  std::string source;
  std::string expected;  ///< FormatError(error, source) in full.
};

// Parses `source`, which must fail with a syntax error, and checks the rendered error.
void CheckSyntaxError(const SyntaxErrorCase& test) {
  INFO("source: " << test.source);
  try {
    ParseStatements(test.source);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kSyntax);
    const std::string rendered = FormatError(error, test.source);
    CHECK(rendered == test.expected);
    return;
  }
  FAIL_CHECK("the source parsed without an error");
}

std::string Repeat(const std::string& text, int times) {
  std::string repeated;
  for (int i = 0; i < times; ++i) {
    repeated += text;
  }
  return repeated;
}

// The table, by theme.
std::vector<SyntaxErrorCase> BadScripts() {
  return {
      // Statement keywords
      {"SELEC * FROM t;",
       "line 1:1: unexpected 'SELEC'; expected a statement such as SELECT, CREATE, INSERT, SHOW, "
       "DESCRIBE, DROP or SET\n"
       "  1 | SELEC * FROM t;\n"
       "    | ^~~~~"},
      {"UPDATE t SET a = 1;",
       "line 1:1: unexpected 'UPDATE'; expected a statement such as SELECT, CREATE, INSERT, SHOW, "
       "DESCRIBE, DROP or SET\n"
       "  1 | UPDATE t SET a = 1;\n"
       "    | ^~~~~~"},
      {"DELETE FROM t;",
       "line 1:1: unexpected 'DELETE'; expected a statement such as SELECT, CREATE, INSERT, SHOW, "
       "DESCRIBE, DROP or SET\n"
       "  1 | DELETE FROM t;\n"
       "    | ^~~~~~"},
      {"SHOW STREAMZ;",
       "line 1:6: unexpected 'STREAMZ'; expected STREAMS, TABLES, TOPICS, QUERIES, PROPERTIES, "
       "FUNCTIONS, TYPES or VARIABLES\n"
       "  1 | SHOW STREAMZ;\n"
       "    |      ^~~~~~~"},
      {"LIST TABLE;",
       "line 1:6: unexpected 'TABLE'; expected STREAMS, TABLES, TOPICS, QUERIES, PROPERTIES, "
       "FUNCTIONS, TYPES or VARIABLES\n"
       "  1 | LIST TABLE;\n"
       "    |      ^~~~~"},
      {"SHOW ALL STREAMS;",
       "line 1:10: unexpected 'STREAMS'; expected TOPICS\n"
       "  1 | SHOW ALL STREAMS;\n"
       "    |          ^~~~~~~"},
      {"SHOW",
       "line 1:5: unexpected end of input; expected STREAMS, TABLES, TOPICS, QUERIES, PROPERTIES, "
       "FUNCTIONS, TYPES or VARIABLES\n"
       "  1 | SHOW\n"
       "    |     ^"},
      {"DROP orders;",
       "line 1:6: unexpected 'orders'; expected STREAM, TABLE or TYPE\n"
       "  1 | DROP orders;\n"
       "    |      ^~~~~~"},
      {"DROP STREAM;",
       "line 1:12: unexpected ';'; expected a name\n"
       "  1 | DROP STREAM;\n"
       "    |            ^"},
      {"CREATE STREAMS s (id INT) WITH (kafka_topic='s');",
       "line 1:8: unexpected 'STREAMS'; expected STREAM, TABLE, SOURCE, TYPE or OR REPLACE\n"
       "  1 | CREATE STREAMS s (id INT) WITH (kafka_topic='s');\n"
       "    |        ^~~~~~~"},
      {"CREATE STREAM (id INT) WITH (kafka_topic='s');",
       "line 1:15: unexpected '('; expected a name\n"
       "  1 | CREATE STREAM (id INT) WITH (kafka_topic='s');\n"
       "    |               ^"},
      {"INSERT orders SELECT * FROM s;",
       "line 1:8: unexpected 'orders'; expected INTO\n"
       "  1 | INSERT orders SELECT * FROM s;\n"
       "    |        ^~~~~~"},
      {"DESCRIBE;",
       "line 1:9: unexpected ';'; expected a stream or table name, STREAMS, TABLES or FUNCTION\n"
       "  1 | DESCRIBE;\n"
       "    |         ^"},
      {"EXPLAIN 42;",
       "line 1:9: unexpected '42'; expected a statement or a query id\n"
       "  1 | EXPLAIN 42;\n"
       "    |         ^~"},
      {"ALTER STREAM s DROP COLUMN x;",
       "line 1:16: unexpected 'DROP'; expected ADD\n"
       "  1 | ALTER STREAM s DROP COLUMN x;\n"
       "    |                ^~~~"},
      {"ALTER STREAM s ADD COLUMN;",
       "line 1:26: unexpected ';'; expected a name\n"
       "  1 | ALTER STREAM s ADD COLUMN;\n"
       "    |                          ^"},
      {"SET auto.offset.reset = 'earliest';",
       "line 1:5: unexpected 'auto'; expected a string in single quotes\n"
       "  1 | SET auto.offset.reset = 'earliest';\n"
       "    |     ^~~~"},
      {"UNSET auto.offset.reset;",
       "line 1:7: unexpected 'auto'; expected a string in single quotes\n"
       "  1 | UNSET auto.offset.reset;\n"
       "    |       ^~~~"},
      {"DEFINE topic = orders;",
       "line 1:16: unexpected 'orders'; expected a string in single quotes\n"
       "  1 | DEFINE topic = orders;\n"
       "    |                ^~~~~~"},
      {"DEFINE = 'x';",
       "line 1:8: unexpected '='; expected a name\n"
       "  1 | DEFINE = 'x';\n"
       "    |        ^"},
      {"PRINT;",
       "line 1:6: unexpected ';'; expected a name or a string in single quotes\n"
       "  1 | PRINT;\n"
       "    |      ^"},
      {"PRINT 'orders' FROM BEGINING;",
       "line 1:21: unexpected 'BEGINING'; expected BEGINNING\n"
       "  1 | PRINT 'orders' FROM BEGINING;\n"
       "    |                     ^~~~~~~~"},
      {"PRINT 'orders' LIMIT many;",
       "line 1:22: unexpected 'many'; expected a whole number\n"
       "  1 | PRINT 'orders' LIMIT many;\n"
       "    |                      ^~~~"},
      {"RUN SCRIPT;",
       "line 1:11: unexpected ';'; expected a string in single quotes\n"
       "  1 | RUN SCRIPT;\n"
       "    |           ^"},

      // Reserved words and quoted names
      {"CREATE STREAM select (id INT) WITH (kafka_topic='s');",
       "line 1:15: unexpected 'select'; expected a name ('select' is a reserved word: write "
       "`select` in back-quotes to use it as a name)\n"
       "  1 | CREATE STREAM select (id INT) WITH (kafka_topic='s');\n"
       "    |               ^~~~~~"},
      {"CREATE STREAM s (id INT, from STRING) WITH (kafka_topic='s');",
       "line 1:26: unexpected 'from'; expected a name ('from' is a reserved word: write `from` in "
       "back-quotes to use it as a name)\n"
       "  1 | CREATE STREAM s (id INT, from STRING) WITH (kafka_topic='s');\n"
       "    |                          ^~~~"},
      {"SELECT id, end FROM t;",
       "line 1:12: unexpected 'end'; expected an expression or '*' ('end' is a reserved word: "
       "write `end` in back-quotes to use it as a name)\n"
       "  1 | SELECT id, end FROM t;\n"
       "    |            ^~~"},
      {"SELECT * FROM t AS table;",
       "line 1:20: unexpected 'table'; expected a name ('table' is a reserved word: write `table` "
       "in back-quotes to use it as a name)\n"
       "  1 | SELECT * FROM t AS table;\n"
       "    |                    ^~~~~"},
      {"SELECT `order id FROM t;",
       "line 1:8: unterminated quoted name: a closing back-quote (`) is missing\n"
       "  1 | SELECT `order id FROM t;\n"
       "    |        ^~~~~~~~~~~~~~~~~"},
      {"SELECT \"order id FROM t;",
       "line 1:8: unterminated quoted name: a closing double quote (\") is missing\n"
       "  1 | SELECT \"order id FROM t;\n"
       "    |        ^~~~~~~~~~~~~~~~~"},

      // Missing and extra commas
      {"SELECT id amount total FROM t;",
       "line 1:18: unexpected 'total'; expected FROM or ','\n"
       "  1 | SELECT id amount total FROM t;\n"
       "    |                  ^~~~~"},
      {"SELECT id,, name FROM t;",
       "line 1:11: unexpected ','; expected an expression or '*'\n"
       "  1 | SELECT id,, name FROM t;\n"
       "    |           ^"},
      {"select * frm t;",
       "line 1:10: unexpected 'frm'; expected FROM or ','\n"
       "  1 | select * frm t;\n"
       "    |          ^~~"},
      {"CREATE STREAM s (id INT name STRING) WITH (kafka_topic='s');",
       "line 1:25: unexpected 'name'; expected ')' or ','\n"
       "  1 | CREATE STREAM s (id INT name STRING) WITH (kafka_topic='s');\n"
       "    |                         ^~~~"},
      {"CREATE STREAM s (id INT,) WITH (kafka_topic='s');",
       "line 1:25: unexpected ')'; expected a name\n"
       "  1 | CREATE STREAM s (id INT,) WITH (kafka_topic='s');\n"
       "    |                         ^"},
      {"CREATE STREAM s (id INT) WITH (kafka_topic='s' partitions=1);",
       "line 1:48: unexpected 'partitions'; expected ')' or ','\n"
       "  1 | CREATE STREAM s (id INT) WITH (kafka_topic='s' partitions=1);\n"
       "    |                                                ^~~~~~~~~~"},
      {"INSERT INTO s (id, name VALUES (1, 'a');",
       "line 1:25: unexpected 'VALUES'; expected ')' or ','\n"
       "  1 | INSERT INTO s (id, name VALUES (1, 'a');\n"
       "    |                         ^~~~~~"},
      {"SELECT * FROM t WHERE a IN (1, 2;",
       "line 1:33: unexpected ';'; expected ')' or ','\n"
       "  1 | SELECT * FROM t WHERE a IN (1, 2;\n"
       "    |                                 ^"},

      // Unbalanced parentheses and brackets
      {"SELECT (a + b FROM t;",
       "line 1:15: unexpected 'FROM'; expected ')'\n"
       "  1 | SELECT (a + b FROM t;\n"
       "    |               ^~~~"},
      {"SELECT (a + b)) FROM t;",
       "line 1:15: unexpected ')'; expected FROM or ','\n"
       "  1 | SELECT (a + b)) FROM t;\n"
       "    |               ^"},
      {"SELECT COUNT(* FROM t;",
       "line 1:16: unexpected 'FROM'; expected ')'\n"
       "  1 | SELECT COUNT(* FROM t;\n"
       "    |                ^~~~"},
      {"SELECT * FROM t WHERE (a = 1 OR b = 2;",
       "line 1:38: unexpected ';'; expected ')'\n"
       "  1 | SELECT * FROM t WHERE (a = 1 OR b = 2;\n"
       "    |                                      ^"},
      {"CREATE STREAM s (id INT WITH (kafka_topic='s');",
       "line 1:25: unexpected 'WITH'; expected ')' or ','\n"
       "  1 | CREATE STREAM s (id INT WITH (kafka_topic='s');\n"
       "    |                         ^~~~"},
      {"CREATE STREAM s (id INT) WITH (kafka_topic='s';",
       "line 1:47: unexpected ';'; expected ')' or ','\n"
       "  1 | CREATE STREAM s (id INT) WITH (kafka_topic='s';\n"
       "    |                                               ^"},
      {"SELECT ARRAY[1, 2 FROM t;",
       "line 1:19: unexpected 'FROM'; expected ']' or ','\n"
       "  1 | SELECT ARRAY[1, 2 FROM t;\n"
       "    |                   ^~~~"},

      // Unterminated tokens and characters that start no token
      {"SELECT * FROM t WHERE name = 'abc;",
       "line 1:30: unterminated string: a closing single quote (') is missing\n"
       "  1 | SELECT * FROM t WHERE name = 'abc;\n"
       "    |                              ^~~~~"},
      {"SELECT * FROM t /* trailing comment",
       "line 1:17: unterminated comment: the closing */ is missing\n"
       "  1 | SELECT * FROM t /* trailing comment\n"
       "    |                 ^~~~~~~~~~~~~~~~~~~"},
      {"SELECT # FROM t;",
       "line 1:8: unexpected character '#'; expected an expression or '*'\n"
       "  1 | SELECT # FROM t;\n"
       "    |        ^"},
      {"SELECT * FROM t WHERE a = $x;",
       "line 1:27: unexpected character '$'; expected an expression\n"
       "  1 | SELECT * FROM t WHERE a = $x;\n"
       "    |                           ^"},

      // Windows. The first case is the one from the issue: the caret is under SECONDZ.
      {"CREATE TABLE t AS SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 30 SECONDZ)\n"
       "GROUP BY id;",
       "line 2:26: unexpected 'SECONDZ'; expected a window unit such as SECONDS, MINUTES or HOURS\n"
       "  2 | WINDOW TUMBLING (SIZE 30 SECONDZ)\n"
       "    |                          ^~~~~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 30)\n"
       "GROUP BY id;",
       "line 2:25: unexpected ')'; expected a window unit such as SECONDS, MINUTES or HOURS\n"
       "  2 | WINDOW TUMBLING (SIZE 30)\n"
       "    |                         ^"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (30 SECONDS)\n"
       "GROUP BY id;",
       "line 2:18: unexpected '30'; expected SIZE\n"
       "  2 | WINDOW TUMBLING (30 SECONDS)\n"
       "    |                  ^~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING SIZE 30 SECONDS\n"
       "GROUP BY id;",
       "line 2:17: unexpected 'SIZE'; expected '('\n"
       "  2 | WINDOW TUMBLING SIZE 30 SECONDS\n"
       "    |                 ^~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW SLIDING (SIZE 1 MINUTE)\n"
       "GROUP BY id;",
       "line 2:8: unexpected 'SLIDING'; expected HOPPING, SESSION or TUMBLING\n"
       "  2 | WINDOW SLIDING (SIZE 1 MINUTE)\n"
       "    |        ^~~~~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW HOPPING (SIZE 1 MINUTE, 10 SECONDS)\n"
       "GROUP BY id;",
       "line 2:32: unexpected '10'; expected ADVANCE\n"
       "  2 | WINDOW HOPPING (SIZE 1 MINUTE, 10 SECONDS)\n"
       "    |                                ^~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE 10 SECONDS)\n"
       "GROUP BY id;",
       "line 2:40: unexpected '10'; expected BY\n"
       "  2 | WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE 10 SECONDS)\n"
       "    |                                        ^~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1 MINUTE, GRACE 10 SECONDS)\n"
       "GROUP BY id;",
       "line 2:39: unexpected '10'; expected PERIOD\n"
       "  2 | WINDOW TUMBLING (SIZE 1 MINUTE, GRACE 10 SECONDS)\n"
       "    |                                       ^~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 1 DAY, RETENTION 2 DAYS)\n"
       "GROUP BY id;",
       "line 2:50: RETENTION is given twice\n"
       "  2 | WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 1 DAY, RETENTION 2 DAYS)\n"
       "    |                                                  ^~~~~~~~~~~~~~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 1 MINUTE, GRACE PERIOD 2 MINUTES)\n"
       "GROUP BY id;",
       "line 2:56: GRACE PERIOD is given twice\n"
       "  2 | WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 1 MINUTE, GRACE PERIOD 2 MINUTES)\n"
       "    |                                                        ^~~~~~~~~~~~~~~~~~~~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW SESSION ()\n"
       "GROUP BY id;",
       "line 2:17: unexpected ')'; expected a whole number\n"
       "  2 | WINDOW SESSION ()\n"
       "    |                 ^"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION)\n"
       "GROUP BY id;",
       "line 2:42: unexpected ')'; expected a whole number\n"
       "  2 | WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION)\n"
       "    |                                          ^"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1.5 MINUTES)\n"
       "GROUP BY id;",
       "line 2:23: unexpected '1.5'; expected a whole number\n"
       "  2 | WINDOW TUMBLING (SIZE 1.5 MINUTES)\n"
       "    |                       ^~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 1 WEEK)\n"
       "GROUP BY id;",
       "line 2:45: unexpected 'WEEK'; expected a window unit such as SECONDS, MINUTES or HOURS\n"
       "  2 | WINDOW TUMBLING (SIZE 1 MINUTE, RETENTION 1 WEEK)\n"
       "    |                                             ^~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 99999999999999999999 SECONDS)\n"
       "GROUP BY id;",
       "line 2:23: duration out of range: 99999999999999999999\n"
       "  2 | WINDOW TUMBLING (SIZE 99999999999999999999 SECONDS)\n"
       "    |                       ^~~~~~~~~~~~~~~~~~~~"},
      {"SELECT id, COUNT(*) FROM s\n"
       "WINDOW TUMBLING (SIZE 1 MINUTE",
       "line 2:31: unexpected end of input; expected ')' or ','\n"
       "  2 | WINDOW TUMBLING (SIZE 1 MINUTE\n"
       "    |                               ^"},

      // Joins
      {"SELECT * FROM a JOIN b WHERE a.id = b.id;",
       "line 1:24: unexpected 'WHERE'; expected ON or WITHIN\n"
       "  1 | SELECT * FROM a JOIN b WHERE a.id = b.id;\n"
       "    |                        ^~~~~"},
      {"SELECT * FROM a JOIN b WITHIN 10 ON a.id = b.id;",
       "line 1:34: unexpected 'ON'; expected a window unit such as SECONDS, MINUTES or HOURS\n"
       "  1 | SELECT * FROM a JOIN b WITHIN 10 ON a.id = b.id;\n"
       "    |                                  ^~"},
      {"SELECT * FROM a LEFT OUTER b ON a.id = b.id;",
       "line 1:28: unexpected 'b'; expected JOIN\n"
       "  1 | SELECT * FROM a LEFT OUTER b ON a.id = b.id;\n"
       "    |                            ^"},
      {"SELECT * FROM a JOIN b WITHIN (1 HOUR) ON a.id = b.id;",
       "line 1:38: unexpected ')'; expected ','\n"
       "  1 | SELECT * FROM a JOIN b WITHIN (1 HOUR) ON a.id = b.id;\n"
       "    |                                      ^"},
      {"SELECT * FROM a JOIN b WITHIN 1 HOUR GRACE 5 MINUTES ON a.id = b.id;",
       "line 1:44: unexpected '5'; expected PERIOD\n"
       "  1 | SELECT * FROM a JOIN b WITHIN 1 HOUR GRACE 5 MINUTES ON a.id = b.id;\n"
       "    |                                            ^"},
      {"SELECT * FROM a JOIN b ON",
       "line 1:26: unexpected end of input; expected an expression\n"
       "  1 | SELECT * FROM a JOIN b ON\n"
       "    |                          ^"},

      // Expressions
      {"SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' FROM t;",
       "line 1:48: unexpected 'FROM'; expected END\n"
       "  1 | SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' FROM t;\n"
       "    |                                                ^~~~"},
      {"SELECT CASE WHEN a > 1 big ELSE small END FROM t;",
       "line 1:24: unexpected 'big'; expected THEN\n"
       "  1 | SELECT CASE WHEN a > 1 big ELSE small END FROM t;\n"
       "    |                        ^~~"},
      {"SELECT CAST(a AS) FROM t;",
       "line 1:17: unexpected ')'; expected a data type such as INT, BIGINT, DOUBLE, STRING, "
       "DECIMAL(10, 2), ARRAY<...>, MAP<...> or STRUCT<...>\n"
       "  1 | SELECT CAST(a AS) FROM t;\n"
       "    |                 ^"},
      {"SELECT CAST(a INT) FROM t;",
       "line 1:15: unexpected 'INT'; expected AS\n"
       "  1 | SELECT CAST(a INT) FROM t;\n"
       "    |               ^~~"},
      {"CREATE STREAM s (id INT, name) WITH (kafka_topic='s');",
       "line 1:30: unexpected ')'; expected a data type such as INT, BIGINT, DOUBLE, STRING, "
       "DECIMAL(10, 2), ARRAY<...>, MAP<...> or STRUCT<...>\n"
       "  1 | CREATE STREAM s (id INT, name) WITH (kafka_topic='s');\n"
       "    |                              ^"},
      {"CREATE TYPE ADDRESS AS;",
       "line 1:23: unexpected ';'; expected a data type such as INT, BIGINT, DOUBLE, STRING, "
       "DECIMAL(10, 2), ARRAY<...>, MAP<...> or STRUCT<...>\n"
       "  1 | CREATE TYPE ADDRESS AS;\n"
       "    |                       ^"},
      {"SELECT * FROM t WHERE a BETWEEN 1 5;",
       "line 1:35: unexpected '5'; expected AND\n"
       "  1 | SELECT * FROM t WHERE a BETWEEN 1 5;\n"
       "    |                                   ^"},
      {"SELECT * FROM t WHERE a BETWEEN 1, 5;",
       "line 1:34: unexpected ','; expected AND\n"
       "  1 | SELECT * FROM t WHERE a BETWEEN 1, 5;\n"
       "    |                                  ^"},
      {"SELECT * FROM t WHERE a IN ();",
       "line 1:29: unexpected ')'; expected an expression\n"
       "  1 | SELECT * FROM t WHERE a IN ();\n"
       "    |                             ^"},
      {"SELECT * FROM t WHERE a = = 1;",
       "line 1:27: unexpected '='; expected an expression\n"
       "  1 | SELECT * FROM t WHERE a = = 1;\n"
       "    |                           ^"},
      {"SELECT * FROM t WHERE",
       "line 1:22: unexpected end of input; expected an expression\n"
       "  1 | SELECT * FROM t WHERE\n"
       "    |                      ^"},
      {"SELECT * FROM t WHERE a = 1 AND",
       "line 1:32: unexpected end of input; expected an expression\n"
       "  1 | SELECT * FROM t WHERE a = 1 AND\n"
       "    |                                ^"},
      {"SELECT * FROM t WHERE a LIKE;",
       "line 1:29: unexpected ';'; expected an expression\n"
       "  1 | SELECT * FROM t WHERE a LIKE;\n"
       "    |                             ^"},
      {"SELECT MAP('a' := 1, 'b') FROM t;",
       "line 1:25: unexpected ')'; expected ':='\n"
       "  1 | SELECT MAP('a' := 1, 'b') FROM t;\n"
       "    |                         ^"},
      {"SELECT TRANSFORM(arr, x => ) FROM t;",
       "line 1:28: unexpected ')'; expected an expression\n"
       "  1 | SELECT TRANSFORM(arr, x => ) FROM t;\n"
       "    |                            ^"},
      {"SELECT INTERVAL 5 FROM t;",
       "line 1:19: unexpected 'FROM'; expected a time unit such as SECONDS, MINUTES or HOURS\n"
       "  1 | SELECT INTERVAL 5 FROM t;\n"
       "    |                   ^~~~"},
      {"SELECT 9223372036854775808 FROM t;",
       "line 1:8: integer literal out of range: 9223372036854775808 (the largest BIGINT is "
       "9223372036854775807; write a DECIMAL such as 9223372036854775808.0 for bigger numbers)\n"
       "  1 | SELECT 9223372036854775808 FROM t;\n"
       "    |        ^~~~~~~~~~~~~~~~~~~"},
      {"SELECT 1e999 FROM t;",
       "line 1:8: floating-point literal out of range: 1e999\n"
       "  1 | SELECT 1e999 FROM t;\n"
       "    |        ^~~~~"},

      // Query clauses
      {"SELECT * FROM;",
       "line 1:14: unexpected ';'; expected a stream or table name\n"
       "  1 | SELECT * FROM;\n"
       "    |              ^"},
      {"SELECT * FROM",
       "line 1:14: unexpected end of input; expected a stream or table name\n"
       "  1 | SELECT * FROM\n"
       "    |              ^"},
      {"SELECT * FROM t LIMIT ten;",
       "line 1:23: unexpected 'ten'; expected a whole number\n"
       "  1 | SELECT * FROM t LIMIT ten;\n"
       "    |                       ^~~"},
      {"SELECT * FROM t LIMIT 10 20;",
       "line 1:26: unexpected '20'; expected ';' or the end of the statement\n"
       "  1 | SELECT * FROM t LIMIT 10 20;\n"
       "    |                          ^~"},
      {"SELECT * FROM t GROUP id;",
       "line 1:23: unexpected 'id'; expected BY\n"
       "  1 | SELECT * FROM t GROUP id;\n"
       "    |                       ^~"},
      {"SELECT * FROM t PARTITION id;",
       "line 1:27: unexpected 'id'; expected BY\n"
       "  1 | SELECT * FROM t PARTITION id;\n"
       "    |                           ^~"},
      {"SELECT * FROM t GROUP BY;",
       "line 1:25: unexpected ';'; expected an expression\n"
       "  1 | SELECT * FROM t GROUP BY;\n"
       "    |                         ^"},
      {"SELECT id, COUNT(*) FROM s GROUP BY id EMIT CHANGE;",
       "line 1:45: unexpected 'CHANGE'; expected CHANGES or FINAL\n"
       "  1 | SELECT id, COUNT(*) FROM s GROUP BY id EMIT CHANGE;\n"
       "    |                                             ^~~~~~"},
      {"SELECT * FROM t EMIT CHANGES LIMIT",
       "line 1:35: unexpected end of input; expected a whole number\n"
       "  1 | SELECT * FROM t EMIT CHANGES LIMIT\n"
       "    |                                   ^"},
      {"SELECT * FROM TABLE(FOO(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE));",
       "line 1:21: unknown window function FOO; expected TUMBLE, HOP, CUMULATE or SESSION\n"
       "  1 | SELECT * FROM TABLE(FOO(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE));\n"
       "    |                     ^~~"},

      // CREATE, WITH and INSERT
      {"CREATE STREAM s (id INT) WITH ();",
       "line 1:32: unexpected ')'; expected a name or a string in single quotes\n"
       "  1 | CREATE STREAM s (id INT) WITH ();\n"
       "    |                                ^"},
      {"CREATE STREAM s (id INT) WITH (partitions 3);",
       "line 1:43: unexpected '3'; expected '='\n"
       "  1 | CREATE STREAM s (id INT) WITH (partitions 3);\n"
       "    |                                           ^"},
      {"CREATE STREAM s (id INT) WITH kafka_topic='s';",
       "line 1:31: unexpected 'kafka_topic'; expected '('\n"
       "  1 | CREATE STREAM s (id INT) WITH kafka_topic='s';\n"
       "    |                               ^~~~~~~~~~~"},
      {"CREATE STREAM s2 (id INT) AS SELECT * FROM s;",
       "line 1:18: CREATE ... AS SELECT takes its columns from the query: remove the column list\n"
       "  1 | CREATE STREAM s2 (id INT) AS SELECT * FROM s;\n"
       "    |                  ^~~~~~~~"},
      {"CREATE SOURCE TABLE t AS SELECT * FROM s;",
       "line 1:8: CREATE SOURCE cannot have AS SELECT: a read-only source reads a topic\n"
       "  1 | CREATE SOURCE TABLE t AS SELECT * FROM s;\n"
       "    |        ^~~~~~"},
      {"CREATE STREAM s (id INT) WITH (kafka_topic='s') AS;",
       "line 1:51: unexpected ';'; expected SELECT\n"
       "  1 | CREATE STREAM s (id INT) WITH (kafka_topic='s') AS;\n"
       "    |                                                   ^"},
      {"CREATE TABLE t (id INT PRIMARY) WITH (kafka_topic='t');",
       "line 1:31: unexpected ')'; expected KEY\n"
       "  1 | CREATE TABLE t (id INT PRIMARY) WITH (kafka_topic='t');\n"
       "    |                               ^"},
      {"CREATE STREAM s (id INT HEADER) WITH (kafka_topic='s');",
       "line 1:31: unexpected ')'; expected '('\n"
       "  1 | CREATE STREAM s (id INT HEADER) WITH (kafka_topic='s');\n"
       "    |                               ^"},
      {"CREATE TABLE t (ts TIMESTAMP(3), WATERMARK FOR ts ts - INTERVAL '5' SECOND)\n"
       "WITH (connector='kafka');",
       "line 1:51: unexpected 'ts'; expected AS\n"
       "  1 | CREATE TABLE t (ts TIMESTAMP(3), WATERMARK FOR ts ts - INTERVAL '5' SECOND)\n"
       "    |                                                   ^~"},
      {"CREATE TABLE t (\n"
       "  ts TIMESTAMP(3),\n"
       "  WATERMARK FOR ts AS ts,\n"
       "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
       ") WITH (connector='kafka');",
       "line 4:3: only one WATERMARK is allowed\n"
       "  4 |   WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
       "    |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"},
      {"CREATE TABLE t (\n"
       "  id INT,\n"
       "  PRIMARY KEY (id),\n"
       "  PRIMARY KEY (id) NOT ENFORCED\n"
       ") WITH (connector='kafka');",
       "line 4:3: only one PRIMARY KEY constraint is allowed\n"
       "  4 |   PRIMARY KEY (id) NOT ENFORCED\n"
       "    |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~"},
      {"INSERT INTO s VALUES 1, 'a');",
       "line 1:22: unexpected '1'; expected '('\n"
       "  1 | INSERT INTO s VALUES 1, 'a');\n"
       "    |                      ^"},
      {"INSERT INTO s VALUES (1, 'a';",
       "line 1:29: unexpected ';'; expected ')' or ','\n"
       "  1 | INSERT INTO s VALUES (1, 'a';\n"
       "    |                             ^"},
      {"INSERT INTO s (id, name) VALUES;",
       "line 1:32: unexpected ';'; expected '('\n"
       "  1 | INSERT INTO s (id, name) VALUES;\n"
       "    |                                ^"},

      // Positions: lines, statements of a script, end of input
      {"SELECT id,\n"
       "       name\n"
       "FROM orders WHERE amount >",
       "line 3:27: unexpected end of input; expected an expression\n"
       "  3 | FROM orders WHERE amount >\n"
       "    |                           ^"},
      {"SELECT * FROM a;\n"
       "SELECT * FROM b WHERE;",
       "line 2:22: unexpected ';'; expected an expression\n"
       "  2 | SELECT * FROM b WHERE;\n"
       "    |                      ^"},
      {"SHOW STREAMS; SHOW TABLES; SHOW TOPICZ;",
       "line 1:33: unexpected 'TOPICZ'; expected STREAMS, TABLES, TOPICS, QUERIES, PROPERTIES, "
       "FUNCTIONS, TYPES or VARIABLES\n"
       "  1 | SHOW STREAMS; SHOW TABLES; SHOW TOPICZ;\n"
       "    |                                 ^~~~~~"},
      {"SELECT *\r\n"
       "FROM;\r\n"
       "",
       "line 2:5: unexpected ';'; expected a stream or table name\n"
       "  2 | FROM;\n"
       "    |     ^"},
      {"-- orders by region\n"
       "SELECT * FROM orders WHERE region == 'EU';",
       "line 2:36: unexpected '='; expected an expression\n"
       "  2 | SELECT * FROM orders WHERE region == 'EU';\n"
       "    |                                    ^"},

      // A type parameter is a number or STRING (ksqlDB's typeParameter rule).
      {"CREATE STREAM S (K STRING (KEY)) WITH (kafka_topic='t', value_format='JSON');",
       "line 1:28: unexpected 'KEY'; expected a type parameter: a number or STRING\n"
       "  1 | CREATE STREAM S (K STRING (KEY)) WITH (kafka_topic='t', value_format='JSON');\n"
       "    |                            ^~~"},

      // Tabs, multi-byte characters and invalid UTF-8. A tab is one column in `line L:C` and
      // expands to the next multiple of 4 in the shown line, where the caret follows it.
      {"SELECT *\tFROM\t;",
       "line 1:15: unexpected ';'; expected a stream or table name\n"
       "  1 | SELECT *    FROM    ;\n"
       "    |                     ^"},
      {"SELECT *\n"
       "\tFROM\tt\n"
       "\tWHERE\t;",
       "line 3:8: unexpected ';'; expected an expression\n"
       "  3 |     WHERE   ;\n"
       "    |             ^"},
      // Columns count code points: a 2-byte é and a 4-byte emoji are one column each.
      {"SELECT 'h\xC3\xA9llo' AS greeting FROM;",
       "line 1:32: unexpected ';'; expected a stream or table name\n"
       "  1 | SELECT 'h\xC3\xA9llo' AS greeting FROM;\n"
       "    |                                ^"},
      {"SELECT '\xF0\x9F\x99\x82' AS smile FROM;",
       "line 1:25: unexpected ';'; expected a stream or table name\n"
       "  1 | SELECT '\xF0\x9F\x99\x82' AS smile FROM;\n"
       "    |                         ^"},
      {"SELECT \xE2\x82\xAC FROM t;",
       "line 1:8: unexpected character '\xE2\x82\xAC'; expected an expression or '*'\n"
       "  1 | SELECT \xE2\x82\xAC FROM t;\n"
       "    |        ^"},
      // The stray byte is shown as U+FFFD so that the rendering stays valid UTF-8.
      {"SELECT 'a\xFF"
       "b' FROM t;",
       "line 1:10: the text is not valid UTF-8 (byte 0xFF)\n"
       "  1 | SELECT 'a\xEF\xBF\xBD"
       "b' FROM t;\n"
       "    |          ^"},
      {"SELECT *\n"
       "FROM t WHERE a = '\xC3(';",
       "line 2:19: the text is not valid UTF-8 (byte 0xC3)\n"
       "  2 | FROM t WHERE a = '\xEF\xBF\xBD(';\n"
       "    |                   ^"},
  };
}

}  // namespace

TEST_SUITE("syntax_errors") {
  TEST_CASE("each bad script renders the expected message, line and caret") {
    for (const SyntaxErrorCase& test : BadScripts()) {
      CheckSyntaxError(test);
    }
  }

  TEST_CASE("a long line is clipped around the caret") {
    // 136 columns: the last 97 are shown behind "...", so the ';' is the 100th column shown.
    const std::string caret = std::string(99, ' ') + "^";
    CheckSyntaxError(
        {"SELECT c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, c13, c14, c15, c16, "
         "c17, c18, c19, c20, c21, c22, c23, c24, c25 FROM;",
         "line 1:136: unexpected ';'; expected a stream or table name\n"
         "  1 | ...7, c08, c09, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, "
         "c23, c24, c25 FROM;\n"
         "    | " +
             caret});
  }

  TEST_CASE("nesting deeper than the limit is an error at the first token past it") {
    static_assert(kMaxNestingDepth == 200);
    const std::string too_deep =
        "the statement is nested too deeply: more than 200 levels of parentheses, brackets, CASE "
        "or prefix operators";

    // The 201st '(' is column 8 + 200. The line has 616 columns; the window of 94 starts 50
    // columns before the caret, behind a 3-column "...".
    const std::string parentheses =
        "SELECT " + std::string(300, '(') + "1" + std::string(300, ')') + " FROM t;";
    const std::string shown_parentheses = "..." + std::string(94, '(') + "...";
    CheckSyntaxError({parentheses,
                      "line 1:208: " + too_deep + "\n  1 | " + shown_parentheses + "\n    | " +
                          std::string(53, ' ') + "^"});

    // A run of prefix operators counts too: the 201st NOT starts at column 23 + 4 * 200. It is
    // near the end of the 828-column line, so the last 97 columns are shown.
    const std::string nots = "SELECT * FROM t WHERE " + Repeat("NOT ", 201) + "a;";
    const std::string shown_nots = "...OT " + Repeat("NOT ", 23) + "a;";
    CheckSyntaxError({nots,
                      "line 1:823: " + too_deep + "\n  1 | " + shown_nots + "\n    | " +
                          std::string(94, ' ') + "^~~"});
  }
}

}  // namespace fluxo::parser
