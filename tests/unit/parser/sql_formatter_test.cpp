#include "parser/sql_formatter.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo::parser {
namespace {

using ast::BinaryOperator;
using ast::ComparisonOperator;
using ast::Expression;

// ---------------------------------------------------------------------------------------------
// Node builders

ast::Identifier Id(std::string value, bool is_variable = false) {
  ast::Identifier identifier;
  identifier.value = std::move(value);
  identifier.is_variable = is_variable;
  return identifier;
}

Expression Expr(Expression::Variant node) {
  Expression expression;
  expression.node = std::move(node);
  return expression;
}

Expression Column(std::string name) {
  return Expr(ast::ColumnReference{{}, Id(std::move(name))});
}

Expression Int(int64_t value) {
  return Expr(ast::IntegerLiteral{value});
}

Expression Dbl(double value) {
  return Expr(ast::DoubleLiteral{value});
}

Expression Str(std::string value) {
  return Expr(ast::StringLiteral{std::move(value)});
}

Expression Neg(Expression operand) {
  return Expr(ast::ArithmeticUnary{ast::UnaryOperator::kMinus, std::move(operand)});
}

Expression Bin(BinaryOperator op, Expression left, Expression right) {
  return Expr(ast::ArithmeticBinary{op, std::move(left), std::move(right)});
}

Expression Cmp(ComparisonOperator op, Expression left, Expression right) {
  return Expr(ast::Comparison{op, std::move(left), std::move(right)});
}

Expression Eq(Expression left, Expression right) {
  return Cmp(ComparisonOperator::kEqual, std::move(left), std::move(right));
}

Expression And(Expression left, Expression right) {
  return Expr(ast::LogicalBinary{ast::LogicalOperator::kAnd, std::move(left), std::move(right)});
}

Expression Or(Expression left, Expression right) {
  return Expr(ast::LogicalBinary{ast::LogicalOperator::kOr, std::move(left), std::move(right)});
}

Expression NotOf(Expression operand) {
  return Expr(ast::Not{std::move(operand)});
}

Expression Call(std::string name, std::vector<Expression> arguments) {
  return Expr(ast::FunctionCall{Id(std::move(name)), std::move(arguments), false, false});
}

ast::DataType Named(std::string name, std::vector<std::string> parameters = {}) {
  ast::DataType type;
  type.name = Id(std::move(name));
  type.parameters = std::move(parameters);
  return type;
}

ast::DataType Composite(ast::TypeKind kind, std::vector<ast::DataType> element_types) {
  ast::DataType type;
  type.kind = kind;
  type.element_types = std::move(element_types);
  return type;
}

ast::Duration Dur(int64_t amount, ast::TimeUnit unit = ast::TimeUnit::kSeconds) {
  ast::Duration duration;
  duration.amount = amount;
  duration.unit = unit;
  return duration;
}

ast::AliasedRelation Relation(std::string name, std::string alias = "") {
  ast::AliasedRelation relation;
  relation.source = Id(std::move(name));
  if (!alias.empty()) {
    relation.alias = Id(std::move(alias));
  }
  return relation;
}

ast::SelectItem Item(Expression expression, std::string alias = "") {
  ast::SelectItem item;
  item.expression = std::move(expression);
  if (!alias.empty()) {
    item.alias = Id(std::move(alias));
  }
  return item;
}

ast::SelectItem Star() {
  ast::SelectItem item;
  item.kind = ast::SelectItemKind::kAll;
  return item;
}

ast::Query Select(std::vector<ast::SelectItem> items, std::string from) {
  ast::Query query;
  query.select_items = std::move(items);
  query.from = Relation(std::move(from));
  return query;
}

std::string Sql(const ast::Statement::Variant& node) {
  ast::Statement statement;
  statement.node = node;
  return FormatStatement(statement);
}

std::string Sql(const ast::Query& query) {
  return Sql(ast::QueryStatement{query});
}

ast::Property Prop(std::string name, Expression value) {
  ast::Property property;
  property.name = std::move(name);
  property.value = std::move(value);
  return property;
}

ast::ColumnDefinition Col(std::string name,
                          ast::DataType type,
                          ast::ColumnConstraint constraint = ast::ColumnConstraint::kNone) {
  ast::ColumnDefinition column;
  column.name = Id(std::move(name));
  column.type = std::move(type);
  column.constraint = constraint;
  return column;
}

TEST_SUITE("sql_formatter") {
  TEST_CASE("identifiers are back-quoted only when needed") {
    CHECK(FormatIdentifier(Id("PRICE")) == "PRICE");
    CHECK(FormatIdentifier(Id("_A1@B")) == "_A1@B");
    CHECK(FormatIdentifier(Id("KEY")) == "KEY");
    CHECK(FormatIdentifier(Id("price")) == "`price`");
    CHECK(FormatIdentifier(Id("MY COL")) == "`MY COL`");
    CHECK(FormatIdentifier(Id("SELECT")) == "`SELECT`");
    CHECK(FormatIdentifier(Id("1ABC")) == "`1ABC`");
    CHECK(FormatIdentifier(Id("A`B")) == "`A``B`");
    CHECK(FormatIdentifier(Id("")) == "``");
    CHECK(FormatIdentifier(Id("TOPIC_NAME", true)) == "${TOPIC_NAME}");
  }

  TEST_CASE("strings double their quotes") {
    CHECK(QuoteString("it's") == "'it''s'");
    CHECK(QuoteString("") == "''");
    CHECK(QuoteString("''") == "''''''");
  }

  TEST_CASE("literals") {
    CHECK(FormatExpression(Expr(ast::NullLiteral{})) == "NULL");
    CHECK(FormatExpression(Expr(ast::BooleanLiteral{true})) == "TRUE");
    CHECK(FormatExpression(Expr(ast::BooleanLiteral{false})) == "FALSE");
    CHECK(FormatExpression(Int(42)) == "42");
    CHECK(FormatExpression(Int(-5)) == "-5");
    CHECK(FormatExpression(Int(std::numeric_limits<int64_t>::min())) == "-9223372036854775808");
    CHECK(FormatExpression(Expr(ast::DecimalLiteral{"1.50"})) == "1.50");
    CHECK(FormatExpression(Str("it's")) == "'it''s'");
    CHECK(FormatExpression(Expr(ast::TypedLiteral{Id("TIMESTAMP"), "2020-01-01"})) ==
          "TIMESTAMP '2020-01-01'");
    CHECK(FormatExpression(Expr(ast::TypedLiteral{Id("INTERVAL"), "x"})) == "`INTERVAL` 'x'");
    CHECK(FormatExpression(Expr(ast::IntervalLiteral{"5", ast::TimeUnit::kSecond})) ==
          "INTERVAL '5' SECOND");
    CHECK(FormatExpression(Expr(ast::VariableReference{"LIMIT_VALUE"})) == "${LIMIT_VALUE}");
  }

  TEST_CASE("doubles always carry an exponent") {
    CHECK(FormatExpression(Dbl(1.5)) == "1.5E0");
    CHECK(FormatExpression(Dbl(1e300)) == "1E300");
    CHECK(FormatExpression(Dbl(1.5e-7)) == "1.5E-7");
    CHECK(FormatExpression(Dbl(-1.5)) == "-1.5E0");
    CHECK(FormatExpression(Dbl(100000)) == "1E5");
    CHECK(FormatExpression(Dbl(0.1)) == "1E-1");
    CHECK(FormatExpression(Dbl(0)) == "0E0");
    CHECK(FormatExpression(Dbl(123.456)) == "1.23456E2");
    CHECK(FormatExpression(Dbl(5e-324)) == "5E-324");
    CHECK(FormatExpression(Dbl(std::numeric_limits<double>::infinity())) ==
          "CAST('Infinity' AS DOUBLE)");
  }

  TEST_CASE("arithmetic precedence and associativity") {
    const Expression a = Column("A");
    const Expression b = Column("B");
    const Expression c = Column("C");
    CHECK(FormatExpression(Bin(
              BinaryOperator::kSubtract, Bin(BinaryOperator::kSubtract, a, b), c)) == "A - B - C");
    CHECK(
        FormatExpression(Bin(BinaryOperator::kSubtract, a, Bin(BinaryOperator::kSubtract, b, c))) ==
        "A - (B - C)");
    CHECK(FormatExpression(Bin(BinaryOperator::kMultiply, Bin(BinaryOperator::kAdd, a, b), c)) ==
          "(A + B) * C");
    CHECK(FormatExpression(Bin(BinaryOperator::kAdd, a, Bin(BinaryOperator::kModulus, b, c))) ==
          "A + B % C");
    CHECK(FormatExpression(Bin(BinaryOperator::kDivide, a, Bin(BinaryOperator::kMultiply, b, c))) ==
          "A / (B * C)");
    CHECK(FormatExpression(Bin(BinaryOperator::kConcat, a, Bin(BinaryOperator::kAdd, b, c))) ==
          "A || B + C");
    CHECK(FormatExpression(Bin(BinaryOperator::kAdd, Bin(BinaryOperator::kConcat, a, b), c)) ==
          "(A || B) + C");
  }

  TEST_CASE("unary minus never reads back as a literal or a comment") {
    const Expression a = Column("A");
    CHECK(FormatExpression(Neg(a)) == "-A");
    CHECK(FormatExpression(Neg(Int(5))) == "-(5)");
    CHECK(FormatExpression(Neg(Int(-5))) == "- -5");
    CHECK(FormatExpression(Neg(Neg(a))) == "- -A");
    CHECK(FormatExpression(Neg(Dbl(1.5))) == "-(1.5E0)");
    CHECK(FormatExpression(Neg(Expr(ast::DecimalLiteral{".5"}))) == "-(.5)");
    CHECK(FormatExpression(Neg(Bin(BinaryOperator::kAdd, a, a))) == "-(A + A)");
    CHECK(FormatExpression(Bin(BinaryOperator::kMultiply, Neg(a), a)) == "-A * A");
    CHECK(FormatExpression(Expr(ast::ArithmeticUnary{ast::UnaryOperator::kPlus, Int(5)})) == "+5");
    CHECK(FormatExpression(Bin(BinaryOperator::kSubtract, a, Int(-5))) == "A - (-5)");
    CHECK(FormatExpression(Bin(BinaryOperator::kSubtract, a, Neg(a))) == "A - (-A)");
    CHECK(FormatExpression(Bin(BinaryOperator::kAdd, a, Int(-5))) == "A + -5");
    CHECK(FormatExpression(Neg(Expr(ast::Subscript{Int(5), Int(1)}))) == "-(5[1])");
    CHECK(FormatExpression(Expr(ast::Subscript{Int(-5), Int(1)})) == "(-5)[1]");
  }

  TEST_CASE("boolean precedence") {
    const Expression a = Column("A");
    const Expression b = Column("B");
    const Expression c = Column("C");
    CHECK(FormatExpression(Or(a, And(b, c))) == "A OR B AND C");
    CHECK(FormatExpression(And(Or(a, b), c)) == "(A OR B) AND C");
    CHECK(FormatExpression(And(a, And(b, c))) == "A AND (B AND C)");
    CHECK(FormatExpression(NotOf(And(a, b))) == "NOT (A AND B)");
    CHECK(FormatExpression(And(NotOf(a), b)) == "NOT A AND B");
    CHECK(FormatExpression(NotOf(Eq(a, b))) == "NOT A = B");
    CHECK(FormatExpression(NotOf(NotOf(a))) == "NOT NOT A");
    CHECK(FormatExpression(Eq(Eq(a, b), c)) == "(A = B) = C");
    CHECK(FormatExpression(Eq(a, Eq(b, c))) == "A = (B = C)");
    CHECK(FormatExpression(Eq(NotOf(a), b)) == "(NOT A) = B");
    CHECK(FormatExpression(Eq(Bin(BinaryOperator::kAdd, a, b), c)) == "A + B = C");
  }

  TEST_CASE("predicates") {
    const Expression a = Column("A");
    const Expression b = Column("B");
    CHECK(FormatExpression(Expr(ast::Between{a, Int(1), Int(2), false})) == "A BETWEEN 1 AND 2");
    CHECK(FormatExpression(Expr(ast::Between{Eq(a, b), And(a, b), Int(2), true})) ==
          "(A = B) NOT BETWEEN (A AND B) AND 2");
    CHECK(FormatExpression(And(Expr(ast::Between{a, Int(1), Int(2), false}), b)) ==
          "A BETWEEN 1 AND 2 AND B");
    CHECK(FormatExpression(Expr(ast::InList{a, {Int(1), Eq(a, b)}, false})) == "A IN (1, A = B)");
    CHECK(FormatExpression(Expr(ast::InList{a, {Str("x")}, true})) == "A NOT IN ('x')");
    CHECK(FormatExpression(Expr(ast::Like{a, Str("a%"), std::string("!"), false})) ==
          "A LIKE 'a%' ESCAPE '!'");
    CHECK(FormatExpression(Expr(ast::Like{a, Str("b"), std::nullopt, true})) == "A NOT LIKE 'b'");
    CHECK(FormatExpression(Expr(ast::IsNull{a, false})) == "A IS NULL");
    CHECK(FormatExpression(Expr(ast::IsNull{Or(a, b), true})) == "(A OR B) IS NOT NULL");
    CHECK(FormatExpression(Cmp(ComparisonOperator::kIsDistinctFrom, a, b)) ==
          "A IS DISTINCT FROM B");
    CHECK(FormatExpression(Cmp(ComparisonOperator::kIsNotDistinctFrom, a, b)) ==
          "A IS NOT DISTINCT FROM B");
    CHECK(FormatExpression(Cmp(ComparisonOperator::kNotEqual, a, b)) == "A <> B");
    CHECK(FormatExpression(Cmp(ComparisonOperator::kGreaterOrEqual, a, Int(-1))) == "A >= -1");
  }

  TEST_CASE("column references, subscripts and dereferences") {
    const Expression a = Column("A");
    CHECK(FormatExpression(Expr(ast::ColumnReference{Id("s"), Id("X")})) == "`s`.X");
    CHECK(FormatExpression(Column("select")) == "`select`");
    CHECK(FormatExpression(Expr(ast::Subscript{a, Int(1)})) == "A[1]");
    CHECK(FormatExpression(Expr(ast::Subscript{Bin(BinaryOperator::kAdd, a, a), Int(1)})) ==
          "(A + A)[1]");
    CHECK(FormatExpression(Expr(ast::Subscript{a, Eq(a, a)})) == "A[(A = A)]");
    CHECK(FormatExpression(Expr(ast::Subscript{Column("ARRAY"), Int(0)})) == "`ARRAY`[0]");
    CHECK(FormatExpression(Expr(ast::Dereference{a, Id("city")})) == "A->`city`");
    CHECK(FormatExpression(Expr(ast::Dereference{Neg(a), Id("B")})) == "(-A)->B");
    CHECK(FormatExpression(Expr(ast::Dereference{Expr(ast::Subscript{a, Str("k")}), Id("B")})) ==
          "A['k']->B");
  }

  TEST_CASE("function calls and lambdas") {
    const Expression a = Column("A");
    CHECK(FormatExpression(Expr(ast::FunctionCall{Id("COUNT"), {}, false, true})) == "COUNT(*)");
    CHECK(FormatExpression(Expr(ast::FunctionCall{Id("COUNT"), {a, Int(1)}, true, false})) ==
          "COUNT(DISTINCT A, 1)");
    CHECK(FormatExpression(Call("NOW", {})) == "NOW()");
    CHECK(FormatExpression(Call("MAP", {})) == "`MAP`()");
    CHECK(FormatExpression(Call("my_udf", {a})) == "`my_udf`(A)");
    const Expression lambda =
        Expr(ast::Lambda{{Id("X")}, Bin(BinaryOperator::kAdd, Column("X"), Int(1))});
    CHECK(FormatExpression(Call("TRANSFORM", {a, lambda})) == "TRANSFORM(A, X => X + 1)");
    const Expression lambda2 = Expr(ast::Lambda{{Id("K"), Id("V")}, Or(Column("K"), Column("V"))});
    CHECK(FormatExpression(Call("FILTER", {a, lambda2})) == "FILTER(A, (K, V) => K OR V)");
    CHECK(FormatExpression(Call("TIMESTAMPADD",
                                {Expr(ast::TimeUnitArgument{ast::TimeUnit::kSeconds}), Int(5)})) ==
          "TIMESTAMPADD(SECONDS, 5)");
  }

  TEST_CASE("case, cast and constructors") {
    const Expression a = Column("A");
    ast::SearchedCase searched;
    searched.when_clauses.push_back(ast::WhenClause{{}, Eq(a, Int(1)), Str("one")});
    searched.else_value = Str("other");
    CHECK(FormatExpression(Expr(searched)) == "CASE WHEN A = 1 THEN 'one' ELSE 'other' END");
    ast::SimpleCase simple;
    simple.operand = a;
    simple.when_clauses.push_back(ast::WhenClause{{}, Int(1), Str("one")});
    simple.when_clauses.push_back(ast::WhenClause{{}, Int(2), Str("two")});
    CHECK(FormatExpression(Expr(simple)) == "CASE A WHEN 1 THEN 'one' WHEN 2 THEN 'two' END");
    CHECK(FormatExpression(Expr(ast::Cast{a, Named("DECIMAL", {"10", "2"})})) ==
          "CAST(A AS DECIMAL(10, 2))");
    CHECK(FormatExpression(Expr(ast::ArrayConstructor{{Int(1), Neg(a)}})) == "ARRAY[1, -A]");
    CHECK(FormatExpression(Expr(ast::ArrayConstructor{})) == "ARRAY[]");
    ast::MapConstructor map;
    map.entries.push_back(ast::MapEntry{{}, Str("k"), Int(1)});
    map.entries.push_back(ast::MapEntry{{}, Str("j"), Or(a, a)});
    CHECK(FormatExpression(Expr(map)) == "MAP('k' := 1, 'j' := A OR A)");
    ast::StructConstructor structure;
    structure.fields.push_back(ast::StructEntry{{}, Id("name"), Str("x")});
    CHECK(FormatExpression(Expr(structure)) == "STRUCT(`name` := 'x')");
    CHECK(FormatExpression(Expr(ast::StructConstructor{})) == "STRUCT()");
  }

  TEST_CASE("data types") {
    CHECK(FormatDataType(Named("INT")) == "INT");
    CHECK(FormatDataType(Named("DECIMAL", {"10", "2"})) == "DECIMAL(10, 2)");
    CHECK(FormatDataType(Named("my_type")) == "`my_type`");
    CHECK(FormatDataType(Named("VARCHAR", {"STRING", "max", "007"})) ==
          "VARCHAR(STRING, `max`, 007)");
    CHECK(FormatDataType(Composite(ast::TypeKind::kArray, {Named("STRING")})) == "ARRAY<STRING>");
    CHECK(FormatDataType(
              Composite(ast::TypeKind::kMap,
                        {Named("STRING"), Composite(ast::TypeKind::kArray, {Named("INT")})})) ==
          "MAP<STRING, ARRAY<INT>>");
    ast::DataType structure = Composite(ast::TypeKind::kStruct, {});
    CHECK(FormatDataType(structure) == "STRUCT< >");
    structure.fields.push_back(ast::StructTypeField{{}, Id("A"), {Named("INT")}});
    structure.fields.push_back(ast::StructTypeField{{}, Id("b"), {Named("VARCHAR", {"5"})}});
    CHECK(FormatDataType(structure) == "STRUCT<A INT, `b` VARCHAR(5)>");
  }

  TEST_CASE("queries with every clause") {
    ast::SelectItem all_of;
    all_of.kind = ast::SelectItemKind::kAllOf;
    all_of.source = Id("T");
    ast::SelectItem struct_all;
    struct_all.kind = ast::SelectItemKind::kStructAll;
    struct_all.expression = Bin(BinaryOperator::kAdd, Column("A"), Column("B"));
    ast::Query query = Select({Star(), all_of, struct_all, Item(Column("A"), "x")}, "S");
    query.from.alias = Id("T");
    ast::Join join;
    join.right = Relation("U", "V");
    join.within = ast::WithinSpec{{}, Dur(10), Dur(10), false, std::nullopt};
    join.condition = Eq(Expr(ast::ColumnReference{Id("T"), Id("ID")}), Column("ID"));
    query.joins.push_back(join);
    query.window = ast::WindowSpec{{},
                                   ast::WindowKind::kTumbling,
                                   Dur(30),
                                   std::nullopt,
                                   Dur(1, ast::TimeUnit::kDays),
                                   Dur(10)};
    query.where = Cmp(ComparisonOperator::kGreater, Column("A"), Int(1));
    query.group_by = std::vector<Expression>{Column("A"), Eq(Column("A"), Column("B"))};
    query.having = Cmp(ComparisonOperator::kGreater,
                       Expr(ast::FunctionCall{Id("COUNT"), {}, false, true}),
                       Int(1));
    query.emit = ast::EmitMode::kChanges;
    query.limit = 10;
    CHECK(Sql(query) ==
          "SELECT *, T.*, (A + B)->*, A AS `x` FROM S AS T INNER JOIN U AS V WITHIN 10 SECONDS "
          "ON T.ID = ID WINDOW TUMBLING (SIZE 30 SECONDS, RETENTION 1 DAYS, GRACE PERIOD 10 "
          "SECONDS) WHERE A > 1 GROUP BY A, (A = B) HAVING COUNT(*) > 1 EMIT CHANGES LIMIT 10");
  }

  TEST_CASE("empty groupings, windows and join kinds") {
    ast::Query query = Select({Item(Column("A"))}, "S");
    query.group_by = std::vector<Expression>{};
    query.partition_by = std::vector<Expression>{};
    query.emit = ast::EmitMode::kFinal;
    CHECK(Sql(query) == "SELECT A FROM S GROUP BY () PARTITION BY () EMIT FINAL");
    query = Select({Item(Column("A"))}, "S");
    query.window = ast::WindowSpec{{},
                                   ast::WindowKind::kHopping,
                                   Dur(30),
                                   Dur(5, ast::TimeUnit::kMillisecond),
                                   std::nullopt,
                                   Dur(0)};
    CHECK(Sql(query) ==
          "SELECT A FROM S WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 5 MILLISECOND, GRACE "
          "PERIOD 0 SECONDS)");
    query.window = ast::WindowSpec{{},
                                   ast::WindowKind::kSession,
                                   Dur(2, ast::TimeUnit::kHours),
                                   std::nullopt,
                                   std::nullopt,
                                   std::nullopt};
    query.partition_by = std::vector<Expression>{Column("B")};
    CHECK(Sql(query) == "SELECT A FROM S WINDOW SESSION (2 HOURS) PARTITION BY B");
    query = Select({Item(Column("A"))}, "S");
    for (ast::JoinType type : {ast::JoinType::kLeft, ast::JoinType::kRight, ast::JoinType::kFull}) {
      ast::Join join;
      join.type = type;
      join.right = Relation("U");
      join.condition = Expr(ast::BooleanLiteral{true});
      query.joins.push_back(join);
    }
    query.joins.back().within = ast::WithinSpec{{}, Dur(5), Dur(10), true, Dur(1)};
    CHECK(Sql(query) ==
          "SELECT A FROM S LEFT JOIN U ON TRUE RIGHT JOIN U ON TRUE FULL JOIN U WITHIN (5 "
          "SECONDS, 10 SECONDS) GRACE PERIOD 1 SECONDS ON TRUE");
  }

  TEST_CASE("window table function relation") {
    ast::WindowTableFunction function;
    function.kind = ast::WindowFunctionKind::kHop;
    function.source = Id("S");
    function.time_column = Id("TS");
    function.arguments.push_back(Expr(ast::IntervalLiteral{"1", ast::TimeUnit::kMinute}));
    function.arguments.push_back(Expr(ast::IntervalLiteral{"5", ast::TimeUnit::kMinute}));
    ast::Query query = Select({Star()}, "S");
    query.from.source.reset();
    query.from.window_function = function;
    query.from.alias = Id("W");
    CHECK(Sql(query) ==
          "SELECT * FROM TABLE(HOP(TABLE S, DESCRIPTOR(TS), INTERVAL '1' MINUTE, INTERVAL '5' "
          "MINUTE)) AS W");
  }

  TEST_CASE("create source statements") {
    ast::CreateSource create;
    create.kind = ast::SourceKind::kTable;
    create.or_replace = true;
    create.read_only = true;
    create.if_not_exists = true;
    create.name = Id("orders");
    create.columns = {Col("ID", Named("INT"), ast::ColumnConstraint::kPrimaryKey),
                      Col("K", Named("STRING"), ast::ColumnConstraint::kKey),
                      Col("H", Named("BYTES"), ast::ColumnConstraint::kHeaders),
                      Col("TS", Named("TIMESTAMP"))};
    ast::ColumnDefinition header = Col("V", Named("BYTES"), ast::ColumnConstraint::kHeader);
    header.header_key = "k'1";
    create.columns.push_back(header);
    create.watermark = ast::Watermark{{},
                                      Id("TS"),
                                      Bin(BinaryOperator::kSubtract,
                                          Column("TS"),
                                          Expr(ast::IntervalLiteral{"5", ast::TimeUnit::kSecond}))};
    create.primary_key = ast::PrimaryKeyConstraint{{}, {Id("ID"), Id("K")}, true};
    create.properties = {Prop("KAFKA_TOPIC", Str("t")),
                         Prop("connector.name", Str("kafka")),
                         Prop("PARTITIONS", Int(3))};
    CHECK(Sql(create) ==
          "CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS `orders` (ID INT PRIMARY KEY, K STRING "
          "KEY, H BYTES HEADERS, TS TIMESTAMP, V BYTES HEADER('k''1'), WATERMARK FOR TS AS TS - "
          "INTERVAL '5' SECOND, PRIMARY KEY (ID, K) NOT ENFORCED) WITH (KAFKA_TOPIC='t', "
          "'connector.name'='kafka', PARTITIONS=3)");
    ast::CreateSource bare;
    bare.name = Id("S");
    CHECK(Sql(bare) == "CREATE STREAM S");
    bare.properties = {Prop("VALUE_FORMAT", Str("JSON"))};
    CHECK(Sql(bare) == "CREATE STREAM S WITH (VALUE_FORMAT='JSON')");
    ast::CreateSourceAs create_as;
    create_as.kind = ast::SourceKind::kTable;
    create_as.or_replace = true;
    create_as.if_not_exists = true;
    create_as.name = Id("T");
    create_as.properties = {Prop("KAFKA_TOPIC", Str("t"))};
    create_as.query = Select({Star()}, "S");
    CHECK(Sql(create_as) ==
          "CREATE OR REPLACE TABLE IF NOT EXISTS T WITH (KAFKA_TOPIC='t') AS SELECT * FROM S");
    create_as = ast::CreateSourceAs{};
    create_as.name = Id("T");
    create_as.query = Select({Star()}, "S");
    CHECK(Sql(create_as) == "CREATE STREAM T AS SELECT * FROM S");
  }

  TEST_CASE("insert, drop, types and alter") {
    CHECK(Sql(ast::InsertInto{Id("T"), {}, Select({Star()}, "S")}) ==
          "INSERT INTO T SELECT * FROM S");
    CHECK(Sql(ast::InsertInto{Id("T"), {Prop("QUERY_ID", Str("q"))}, Select({Star()}, "S")}) ==
          "INSERT INTO T WITH (QUERY_ID='q') SELECT * FROM S");
    CHECK(Sql(ast::InsertValues{Id("T"), {Id("A"), Id("b")}, {Int(1), Str("x")}}) ==
          "INSERT INTO T (A, `b`) VALUES (1, 'x')");
    CHECK(Sql(ast::InsertValues{Id("T"), {}, {}}) == "INSERT INTO T VALUES ()");
    CHECK(Sql(ast::DropSource{ast::SourceKind::kStream, true, Id("S"), true}) ==
          "DROP STREAM IF EXISTS S DELETE TOPIC");
    CHECK(Sql(ast::DropSource{ast::SourceKind::kTable, false, Id("T"), false}) == "DROP TABLE T");
    CHECK(Sql(ast::CreateType{
              true, Id("ADDRESS"), Composite(ast::TypeKind::kArray, {Named("INT")})}) ==
          "CREATE TYPE IF NOT EXISTS ADDRESS AS ARRAY<INT>");
    CHECK(Sql(ast::CreateType{false, Id("X"), Named("INT")}) == "CREATE TYPE X AS INT");
    CHECK(Sql(ast::DropType{true, Id("X")}) == "DROP TYPE IF EXISTS X");
    CHECK(Sql(ast::DropType{false, Id("X")}) == "DROP TYPE X");
    CHECK(Sql(ast::AlterSource{ast::SourceKind::kStream,
                               Id("S"),
                               {Col("C", Named("INT")), Col("D", Named("STRING"))}}) ==
          "ALTER STREAM S ADD COLUMN C INT, ADD COLUMN D STRING");
  }

  TEST_CASE("show, describe and print") {
    CHECK(Sql(ast::Show{ast::ShowKind::kProperties, false, false}) == "SHOW PROPERTIES");
    CHECK(Sql(ast::Show{ast::ShowKind::kTopics, true, true}) == "SHOW ALL TOPICS EXTENDED");
    CHECK(Sql(ast::Show{ast::ShowKind::kTopics, false, false}) == "SHOW TOPICS");
    CHECK(Sql(ast::Show{ast::ShowKind::kStreams, false, true}) == "SHOW STREAMS EXTENDED");
    CHECK(Sql(ast::Show{ast::ShowKind::kTables, false, false}) == "SHOW TABLES");
    CHECK(Sql(ast::Show{ast::ShowKind::kFunctions, false, false}) == "SHOW FUNCTIONS");
    CHECK(Sql(ast::Show{ast::ShowKind::kTypes, false, false}) == "SHOW TYPES");
    CHECK(Sql(ast::Show{ast::ShowKind::kVariables, false, false}) == "SHOW VARIABLES");
    CHECK(Sql(ast::Show{ast::ShowKind::kQueries, false, true}) == "SHOW QUERIES EXTENDED");
    CHECK(Sql(ast::DescribeSources{ast::SourceKind::kStream, true}) == "DESCRIBE STREAMS EXTENDED");
    CHECK(Sql(ast::DescribeSources{ast::SourceKind::kTable, false}) == "DESCRIBE TABLES");
    CHECK(Sql(ast::DescribeFunction{Id("F")}) == "DESCRIBE FUNCTION F");
    CHECK(Sql(ast::DescribeSource{Id("S"), true}) == "DESCRIBE S EXTENDED");
    CHECK(Sql(ast::DescribeSource{Id("FUNCTION"), false}) == "DESCRIBE `FUNCTION`");
    CHECK(Sql(ast::DescribeSource{Id("TABLES"), false}) == "DESCRIBE `TABLES`");
    CHECK(Sql(ast::PrintTopic{"my-topic", true, 2, 10}) ==
          "PRINT 'my-topic' FROM BEGINNING INTERVAL 2 LIMIT 10");
    CHECK(Sql(ast::PrintTopic{"T", false, std::nullopt, std::nullopt}) == "PRINT 'T'");
  }

  TEST_CASE("query control, variables, properties and explain") {
    CHECK(Sql(ast::QueryControl{ast::QueryAction::kTerminate, std::nullopt}) == "TERMINATE ALL");
    CHECK(Sql(ast::QueryControl{ast::QueryAction::kTerminate, Id("CSAS_T_1")}) ==
          "TERMINATE CSAS_T_1");
    CHECK(Sql(ast::QueryControl{ast::QueryAction::kPause, Id("ALL")}) == "PAUSE `ALL`");
    CHECK(Sql(ast::QueryControl{ast::QueryAction::kResume, std::nullopt}) == "RESUME ALL");
    CHECK(Sql(ast::SetProperty{"auto.offset.reset", "it's"}) == "SET 'auto.offset.reset'='it''s'");
    CHECK(Sql(ast::UnsetProperty{"a.b"}) == "UNSET 'a.b'");
    CHECK(Sql(ast::DefineVariable{"NAME", "value"}) == "DEFINE NAME = 'value'");
    CHECK(Sql(ast::DefineVariable{"name", ""}) == "DEFINE `name` = ''");
    CHECK(Sql(ast::UndefineVariable{"NAME"}) == "UNDEFINE NAME");
    CHECK(Sql(ast::RunScript{"/tmp/a.sql"}) == "RUN SCRIPT '/tmp/a.sql'");
    CHECK(Sql(ast::Explain{std::nullopt, Id("CSAS_T_1")}) == "EXPLAIN CSAS_T_1");
    ast::Statement inner;
    inner.node = ast::QueryStatement{Select({Star()}, "S")};
    CHECK(Sql(ast::Explain{inner, std::nullopt}) == "EXPLAIN SELECT * FROM S");
  }
}

}  // namespace
}  // namespace fluxo::parser
