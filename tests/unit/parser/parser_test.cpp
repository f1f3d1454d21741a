// Parser tests for expressions, names, spans and limits. Statement forms: parser_ddl_test.cpp.

#include "parser/parser.h"

#include <string>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::parser {

namespace {

ast::Expression Parse(const std::string& text) {
  return ParseExpression(text);
}

// Parses `text` and returns a copy of its root node, which must be a `T`.
template <class T>
T Node(const std::string& text) {
  const ast::Expression expression = ParseExpression(text);
  const T* node = expression.As<T>();
  REQUIRE_MESSAGE(node != nullptr, "unexpected expression kind for: " << text);
  return *node;
}

// Returns the message of the syntax error that parsing `text` as a script throws.
std::string ScriptError(const std::string& text) {
  try {
    ParseStatements(text);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kSyntax);
    return error.what();
  }
  FAIL("expected a syntax error for: " << text);
  return "";
}

}  // namespace

TEST_SUITE("parser") {
  TEST_CASE("unquoted names are upper-cased, quoted names keep their case") {
    const auto plain = Node<ast::ColumnReference>("price");
    CHECK(plain.name.value == "PRICE");
    CHECK_FALSE(plain.qualifier.has_value());

    const auto back_quoted = Node<ast::ColumnReference>("`Price`");
    CHECK(back_quoted.name.value == "Price");

    const auto double_quoted = Node<ast::ColumnReference>("\"my col\"");
    CHECK(double_quoted.name.value == "my col");

    const auto escaped = Node<ast::ColumnReference>("`a``b`");
    CHECK(escaped.name.value == "a`b");

    const auto qualified = Node<ast::ColumnReference>("t.col");
    CHECK(qualified.qualifier->value == "T");
    CHECK(qualified.name.value == "COL");
  }

  TEST_CASE("keywords match in any case and non-reserved keywords serve as names") {
    CHECK(Parse("a AnD b") == Parse("A AND B"));
    const auto key_column = Node<ast::ColumnReference>("key");
    CHECK(key_column.name.value == "KEY");
    CHECK(Parse("size + date").Is<ast::ArithmeticBinary>());
  }

  TEST_CASE("operator precedence follows ksqlDB") {
    // a OR b AND c  ==  a OR (b AND c)
    const auto logical_or = Node<ast::LogicalBinary>("a OR b AND c");
    CHECK(logical_or.op == ast::LogicalOperator::kOr);
    CHECK(logical_or.right->Is<ast::LogicalBinary>());

    // NOT a = b  ==  NOT (a = b)
    const auto negation = Node<ast::Not>("NOT a = b");
    CHECK(negation.operand->Is<ast::Comparison>());

    // a + b * c  ==  a + (b * c);  a - b - c  ==  (a - b) - c
    const auto sum = Node<ast::ArithmeticBinary>("a + b * c");
    CHECK(sum.op == ast::BinaryOperator::kAdd);
    CHECK(sum.right->As<ast::ArithmeticBinary>()->op == ast::BinaryOperator::kMultiply);
    const auto difference = Node<ast::ArithmeticBinary>("a - b - c");
    CHECK(difference.left->Is<ast::ArithmeticBinary>());
    CHECK(difference.right->Is<ast::ColumnReference>());

    // Parentheses only group: they leave no node behind.
    CHECK(Parse("(a + b) * c").As<ast::ArithmeticBinary>()->left->Is<ast::ArithmeticBinary>());
    CHECK(Parse("((a))") == Parse("a"));
  }

  TEST_CASE("predicates") {
    const auto between = Node<ast::Between>("x NOT BETWEEN 1 AND 5");
    CHECK(between.negated);
    const auto in_list = Node<ast::InList>("x IN (1, 2, 3)");
    CHECK(in_list.list.size() == 3);
    const auto like = Node<ast::Like>("name LIKE 'a%' ESCAPE '!'");
    CHECK(like.escape == "!");
    CHECK(Parse("x IS NOT NULL").As<ast::IsNull>()->negated);
    CHECK(Parse("x IS DISTINCT FROM y").As<ast::Comparison>()->op ==
          ast::ComparisonOperator::kIsDistinctFrom);
    CHECK(Parse("x IS NOT DISTINCT FROM y").As<ast::Comparison>()->op ==
          ast::ComparisonOperator::kIsNotDistinctFrom);
    CHECK(Parse("x <> y").As<ast::Comparison>()->op == ast::ComparisonOperator::kNotEqual);
    CHECK(Parse("x != y") == Parse("x <> y"));
  }

  TEST_CASE("literals") {
    CHECK(Parse("42").As<ast::IntegerLiteral>()->value == 42);
    CHECK(Parse("-7").As<ast::IntegerLiteral>()->value == -7);
    CHECK(Parse("-9223372036854775808").As<ast::IntegerLiteral>()->value == INT64_MIN);
    CHECK(Parse("1.50").As<ast::DecimalLiteral>()->text == "1.50");
    CHECK(Parse("1.5E3").As<ast::DoubleLiteral>()->value == 1500.0);
    CHECK(Parse("'it''s'").As<ast::StringLiteral>()->value == "it's");
    CHECK(Parse("TRUE").As<ast::BooleanLiteral>()->value);
    CHECK(Parse("NULL").Is<ast::NullLiteral>());
    const auto timestamp = Node<ast::TypedLiteral>("TIMESTAMP '2024-01-01T00:00:00'");
    CHECK(timestamp.type_name.value == "TIMESTAMP");
    CHECK(timestamp.value == "2024-01-01T00:00:00");
    const auto interval = Node<ast::IntervalLiteral>("INTERVAL '5' SECOND");
    CHECK(interval.value == "5");
    CHECK(interval.unit == ast::TimeUnit::kSecond);
    CHECK(Parse("${limit}").As<ast::VariableReference>()->name == "LIMIT");
  }

  TEST_CASE("function calls, lambdas, constructors, subscripts and struct access") {
    const auto count_star = Node<ast::FunctionCall>("COUNT(*)");
    CHECK(count_star.star);
    const auto count_distinct = Node<ast::FunctionCall>("count(DISTINCT card)");
    CHECK(count_distinct.distinct);
    CHECK(count_distinct.name.value == "COUNT");

    const auto transform = Node<ast::FunctionCall>("TRANSFORM(xs, x => x + 1)");
    REQUIRE(transform.arguments.size() == 2);
    const auto* lambda = transform.arguments[1].As<ast::Lambda>();
    REQUIRE(lambda != nullptr);
    CHECK(lambda->parameters.size() == 1);
    CHECK(Parse("REDUCE(m, 0, (s, k, v) => s + v)")
              .As<ast::FunctionCall>()
              ->arguments[2]
              .As<ast::Lambda>()
              ->parameters.size() == 3);

    CHECK(Parse("ARRAY[1, 2]").As<ast::ArrayConstructor>()->elements.size() == 2);
    CHECK(Parse("MAP('a' := 1)").As<ast::MapConstructor>()->entries.size() == 1);
    CHECK(Parse("STRUCT(a := 1, b := 'x')").As<ast::StructConstructor>()->fields.size() == 2);
    CHECK(Parse("items[1]").Is<ast::Subscript>());
    const auto field = Node<ast::Dereference>("address->city->name");
    CHECK(field.field.value == "NAME");
    CHECK(field.base->Is<ast::Dereference>());
    CHECK(Parse("CAST(x AS DECIMAL(10, 2))").As<ast::Cast>()->type.parameters ==
          std::vector<std::string>{"10", "2"});
    CHECK(Parse("CASE WHEN a THEN 1 ELSE 2 END").Is<ast::SearchedCase>());
    CHECK(Parse("CASE a WHEN 1 THEN 'one' END").Is<ast::SimpleCase>());
  }

  TEST_CASE("spans are 1-based lines and columns in code points from the start of the script") {
    const auto statements = ParseStatements("SHOW STREAMS;\n  SELECT 'café', price FROM t;");
    REQUIRE(statements.size() == 2);
    CHECK(statements[1].span.line == 2);
    CHECK(statements[1].span.column == 3);
    CHECK(statements[1].span.offset == 16);
    const auto& query = statements[1].As<ast::QueryStatement>()->query;
    // 'café' is 6 code points (7 bytes): PRICE starts at column 18, counted in code points.
    const auto& price = *query.select_items[1].expression;
    CHECK(price.span.line == 2);
    CHECK(price.span.column == 18);
    CHECK(price.span.length == 5);
  }

  TEST_CASE("deep nesting is a syntax error, never a stack overflow") {
    const std::string parentheses =
        "SELECT " + std::string(10000, '(') + "1" + std::string(10000, ')') + " FROM t;";
    CHECK(ScriptError(parentheses).find("nested too deeply") != std::string::npos);

    std::string nots = "SELECT * FROM t WHERE ";
    for (int i = 0; i < 10000; ++i) {
      nots += "NOT ";
    }
    CHECK(ScriptError(nots + "x;").find("nested too deeply") != std::string::npos);

    std::string types = "CREATE STREAM s (a ";
    for (int i = 0; i < 10000; ++i) {
      types += "ARRAY<";
    }
    CHECK(ScriptError(types + "INT" + std::string(10000, '>') + ");").find("nested too deeply") !=
          std::string::npos);

    std::string chain = "SELECT a";
    for (int i = 0; i < 100000; ++i) {
      chain += " OR a";
    }
    CHECK(ScriptError(chain + " FROM t;").find("nested too deeply") != std::string::npos);

    // Within the limits, nesting works: parentheses add no AST level, so nesting up to
    // kMaxNestingDepth never trips the builder's own depth limit (a bug the fuzz test found).
    CHECK(Parse(std::string(kMaxNestingDepth - 1, '(') + "1" +
                std::string(kMaxNestingDepth - 1, ')')) == Parse("1"));
    std::string minuses;
    for (int i = 0; i < kMaxNestingDepth - 1; ++i) {
      minuses += "- ";
    }
    CHECK(Parse(minuses + "x").Is<ast::ArithmeticUnary>());
  }

  TEST_CASE("numbers out of range are syntax errors") {
    CHECK(ScriptError("SELECT 9223372036854775808 FROM t;").find("out of range") !=
          std::string::npos);
    CHECK(ScriptError("SELECT * FROM t WINDOW TUMBLING (SIZE 99999999999999999999 SECONDS);")
              .find("out of range") != std::string::npos);
  }

  TEST_CASE("invalid UTF-8 is reported with its position") {
    const std::string message = ScriptError("SELECT 'a\xff' FROM t;");
    CHECK(message.find("line 1:10:") == 0);
    CHECK(message.find("not valid UTF-8") != std::string::npos);
  }
}

}  // namespace fluxo::parser
