// Expression-level AST building: operators, predicates, literals, types and names.

#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parser/ast_builder.h"

namespace fluxo::parser {

namespace {

ast::ComparisonOperator ComparisonOperatorOf(const antlr4::Token* token) {
  switch (token->getType()) {
    case SqlParser::EQ:
      return ast::ComparisonOperator::kEqual;
    case SqlParser::NEQ:
      return ast::ComparisonOperator::kNotEqual;
    case SqlParser::LT:
      return ast::ComparisonOperator::kLess;
    case SqlParser::LTE:
      return ast::ComparisonOperator::kLessOrEqual;
    case SqlParser::GT:
      return ast::ComparisonOperator::kGreater;
    default:
      return ast::ComparisonOperator::kGreaterOrEqual;
  }
}

ast::BinaryOperator BinaryOperatorOf(const antlr4::Token* token) {
  switch (token->getType()) {
    case SqlParser::PLUS:
      return ast::BinaryOperator::kAdd;
    case SqlParser::MINUS:
      return ast::BinaryOperator::kSubtract;
    case SqlParser::ASTERISK:
      return ast::BinaryOperator::kMultiply;
    case SqlParser::SLASH:
      return ast::BinaryOperator::kDivide;
    default:
      return ast::BinaryOperator::kModulus;
  }
}

// The text of a literal including its optional leading minus sign.
std::string SignedText(antlr4::ParserRuleContext* context, antlr4::tree::TerminalNode* number) {
  const bool negative = context->getStart()->getType() == SqlParser::MINUS;
  return (negative ? "-" : "") + number->getText();
}

// `${name}` -> NAME (variable names are case-insensitive, like unquoted identifiers).
std::string VariableName(const std::string& token_text) {
  return ToUpperAscii(token_text.substr(2, token_text.size() - 3));
}

}  // namespace

std::string Unquote(const std::string& text, char quote) {
  std::string value;
  value.reserve(text.size());
  // Skip the opening and closing quote; a doubled quote inside stands for one.
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    value.push_back(text[i]);
    if (text[i] == quote) {
      ++i;
    }
  }
  return value;
}

std::string ToUpperAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return text;
}

// ---- dispatch

ast::Expression AstBuilder::BuildExpression(antlr4::ParserRuleContext* context) {
  if (++expression_depth_ > kMaxExpressionDepth) {
    ThrowSyntaxError("the expression is nested too deeply: more than " +
                         std::to_string(kMaxExpressionDepth) +
                         " levels of operators (each operator of a chain such as a OR b OR c "
                         "adds one)",
                     SpanOf(context));
  }
  antlrcpp::Any result = context->accept(this);
  --expression_depth_;
  return std::move(result.as<ast::Expression>());
}

ast::Expression AstBuilder::MakeExpression(antlr4::ParserRuleContext* context,
                                           ast::Expression::Variant node) {
  ast::Expression expression;
  expression.span = SpanOf(context);
  expression.node = std::move(node);
  return expression;
}

ast::Expression AstBuilder::BuildSingleExpression(SqlParser::SingleExpressionContext* context) {
  return BuildExpression(context->expression());
}

// Pass-through rules (expression, defaults, parentheses) dispatch with accept() rather than
// BuildExpression(): they add no AST level, so they do not count toward kMaxExpressionDepth.

antlrcpp::Any AstBuilder::visitExpression(SqlParser::ExpressionContext* context) {
  return context->booleanExpression()->accept(this);
}

antlrcpp::Any AstBuilder::visitParenthesizedExpression(
    SqlParser::ParenthesizedExpressionContext* context) {
  return context->expression()->accept(this);
}

// ---- boolean level

antlrcpp::Any AstBuilder::visitBooleanDefault(SqlParser::BooleanDefaultContext* context) {
  return context->predicated()->accept(this);
}

antlrcpp::Any AstBuilder::visitLogicalNot(SqlParser::LogicalNotContext* context) {
  return MakeExpression(context, ast::Not{BuildExpression(context->booleanExpression())});
}

antlrcpp::Any AstBuilder::visitLogicalAnd(SqlParser::LogicalAndContext* context) {
  return MakeExpression(context,
                        ast::LogicalBinary{ast::LogicalOperator::kAnd,
                                           BuildExpression(context->left),
                                           BuildExpression(context->right)});
}

antlrcpp::Any AstBuilder::visitLogicalOr(SqlParser::LogicalOrContext* context) {
  return MakeExpression(context,
                        ast::LogicalBinary{ast::LogicalOperator::kOr,
                                           BuildExpression(context->left),
                                           BuildExpression(context->right)});
}

antlrcpp::Any AstBuilder::visitPredicated(SqlParser::PredicatedContext* context) {
  if (context->predicate() == nullptr) {
    return context->valueExpression()->accept(this);
  }
  ast::Expression value = BuildExpression(context->valueExpression());
  predicate_value_ = std::move(value);
  antlrcpp::Any result = context->predicate()->accept(this);
  ast::Expression predicate = std::move(result.as<ast::Expression>());
  predicate.span = SpanOf(context);
  return predicate;
}

antlrcpp::Any AstBuilder::visitComparison(SqlParser::ComparisonContext* context) {
  ast::Expression left = std::move(*predicate_value_);
  return MakeExpression(
      context,
      ast::Comparison{ComparisonOperatorOf(context->comparisonOperator()->getStart()),
                      std::move(left),
                      BuildExpression(context->right)});
}

antlrcpp::Any AstBuilder::visitDistinctFrom(SqlParser::DistinctFromContext* context) {
  ast::Expression left = std::move(*predicate_value_);
  const auto op = context->NOT() != nullptr ? ast::ComparisonOperator::kIsNotDistinctFrom
                                            : ast::ComparisonOperator::kIsDistinctFrom;
  return MakeExpression(context,
                        ast::Comparison{op, std::move(left), BuildExpression(context->right)});
}

antlrcpp::Any AstBuilder::visitBetween(SqlParser::BetweenContext* context) {
  ast::Expression value = std::move(*predicate_value_);
  return MakeExpression(context,
                        ast::Between{std::move(value),
                                     BuildExpression(context->lower),
                                     BuildExpression(context->upper),
                                     context->NOT() != nullptr});
}

antlrcpp::Any AstBuilder::visitInList(SqlParser::InListContext* context) {
  ast::InList in_list;
  in_list.value = std::move(*predicate_value_);
  for (auto* element : context->expression()) {
    in_list.list.push_back(BuildExpression(element));
  }
  in_list.negated = context->NOT() != nullptr;
  return MakeExpression(context, std::move(in_list));
}

antlrcpp::Any AstBuilder::visitLike(SqlParser::LikeContext* context) {
  ast::Like like;
  like.value = std::move(*predicate_value_);
  like.pattern = BuildExpression(context->pattern);
  if (context->escape != nullptr) {
    like.escape = Unquote(context->escape->getText(), '\'');
  }
  like.negated = context->NOT() != nullptr;
  return MakeExpression(context, std::move(like));
}

antlrcpp::Any AstBuilder::visitNullPredicate(SqlParser::NullPredicateContext* context) {
  ast::Expression value = std::move(*predicate_value_);
  return MakeExpression(context, ast::IsNull{std::move(value), context->NOT() != nullptr});
}

// ---- arithmetic level

antlrcpp::Any AstBuilder::visitValueDefault(SqlParser::ValueDefaultContext* context) {
  return context->primaryExpression()->accept(this);
}

antlrcpp::Any AstBuilder::visitArithmeticUnary(SqlParser::ArithmeticUnaryContext* context) {
  const auto op = context->op->getType() == SqlParser::MINUS ? ast::UnaryOperator::kMinus
                                                             : ast::UnaryOperator::kPlus;
  return MakeExpression(context,
                        ast::ArithmeticUnary{op, BuildExpression(context->valueExpression())});
}

antlrcpp::Any AstBuilder::visitArithmeticBinary(SqlParser::ArithmeticBinaryContext* context) {
  return MakeExpression(context,
                        ast::ArithmeticBinary{BinaryOperatorOf(context->op),
                                              BuildExpression(context->left),
                                              BuildExpression(context->right)});
}

antlrcpp::Any AstBuilder::visitConcatenation(SqlParser::ConcatenationContext* context) {
  return MakeExpression(context,
                        ast::ArithmeticBinary{ast::BinaryOperator::kConcat,
                                              BuildExpression(context->left),
                                              BuildExpression(context->right)});
}

// ---- primary expressions

antlrcpp::Any AstBuilder::visitLiteralExpression(SqlParser::LiteralExpressionContext* context) {
  return context->literal()->accept(this);
}

antlrcpp::Any AstBuilder::visitIntervalLiteral(SqlParser::IntervalLiteralContext* context) {
  ast::IntervalLiteral interval;
  interval.value = context->STRING() != nullptr ? Unquote(context->STRING()->getText(), '\'')
                                                : context->INTEGER_VALUE()->getText();
  interval.unit = BuildTimeUnit(context->timeUnit());
  return MakeExpression(context, std::move(interval));
}

antlrcpp::Any AstBuilder::visitTypedLiteral(SqlParser::TypedLiteralContext* context) {
  return MakeExpression(context,
                        ast::TypedLiteral{BuildIdentifier(context->identifier()),
                                          Unquote(context->STRING()->getText(), '\'')});
}

std::vector<ast::WhenClause> AstBuilder::BuildWhenClauses(
    const std::vector<SqlParser::WhenClauseContext*>& contexts) {
  std::vector<ast::WhenClause> clauses;
  for (auto* context : contexts) {
    ast::WhenClause clause;
    clause.span = SpanOf(context);
    clause.condition = BuildExpression(context->condition);
    clause.result = BuildExpression(context->result);
    clauses.push_back(std::move(clause));
  }
  return clauses;
}

antlrcpp::Any AstBuilder::visitSimpleCase(SqlParser::SimpleCaseContext* context) {
  ast::SimpleCase simple_case;
  simple_case.operand = BuildExpression(context->operand);
  simple_case.when_clauses = BuildWhenClauses(context->whenClause());
  if (context->elseValue != nullptr) {
    simple_case.else_value = ast::Box<ast::Expression>(BuildExpression(context->elseValue));
  }
  return MakeExpression(context, std::move(simple_case));
}

antlrcpp::Any AstBuilder::visitSearchedCase(SqlParser::SearchedCaseContext* context) {
  ast::SearchedCase searched_case;
  searched_case.when_clauses = BuildWhenClauses(context->whenClause());
  if (context->elseValue != nullptr) {
    searched_case.else_value = ast::Box<ast::Expression>(BuildExpression(context->elseValue));
  }
  return MakeExpression(context, std::move(searched_case));
}

antlrcpp::Any AstBuilder::visitCast(SqlParser::CastContext* context) {
  return MakeExpression(
      context, ast::Cast{BuildExpression(context->expression()), BuildType(context->type())});
}

antlrcpp::Any AstBuilder::visitArrayConstructor(SqlParser::ArrayConstructorContext* context) {
  ast::ArrayConstructor array;
  for (auto* element : context->expression()) {
    array.elements.push_back(BuildExpression(element));
  }
  return MakeExpression(context, std::move(array));
}

antlrcpp::Any AstBuilder::visitMapConstructor(SqlParser::MapConstructorContext* context) {
  ast::MapConstructor map;
  for (auto* entry_context : context->mapEntry()) {
    ast::MapEntry entry;
    entry.span = SpanOf(entry_context);
    entry.key = BuildExpression(entry_context->key);
    entry.value = BuildExpression(entry_context->value);
    map.entries.push_back(std::move(entry));
  }
  return MakeExpression(context, std::move(map));
}

antlrcpp::Any AstBuilder::visitStructConstructor(SqlParser::StructConstructorContext* context) {
  ast::StructConstructor structure;
  for (auto* field_context : context->structEntry()) {
    ast::StructEntry field;
    field.span = SpanOf(field_context);
    field.name = BuildIdentifier(field_context->identifier());
    field.value = BuildExpression(field_context->expression());
    structure.fields.push_back(std::move(field));
  }
  return MakeExpression(context, std::move(structure));
}

antlrcpp::Any AstBuilder::visitFunctionCallStar(SqlParser::FunctionCallStarContext* context) {
  ast::FunctionCall call;
  call.name = BuildIdentifier(context->identifier());
  call.star = true;
  return MakeExpression(context, std::move(call));
}

antlrcpp::Any AstBuilder::visitFunctionCall(SqlParser::FunctionCallContext* context) {
  ast::FunctionCall call;
  call.name = BuildIdentifier(context->identifier());
  call.distinct = context->DISTINCT() != nullptr;
  for (auto* argument : context->functionArgument()) {
    call.arguments.push_back(BuildFunctionArgument(argument));
  }
  return MakeExpression(context, std::move(call));
}

ast::Expression AstBuilder::BuildFunctionArgument(SqlParser::FunctionArgumentContext* context) {
  if (auto* lambda_context = context->lambdaExpression(); lambda_context != nullptr) {
    ast::Lambda lambda;
    for (auto* parameter : lambda_context->identifier()) {
      lambda.parameters.push_back(BuildIdentifier(parameter));
    }
    lambda.body = BuildExpression(lambda_context->expression());
    return MakeExpression(context, std::move(lambda));
  }
  if (auto* unit = context->timeUnit(); unit != nullptr) {
    return MakeExpression(context, ast::TimeUnitArgument{BuildTimeUnit(unit)});
  }
  return BuildExpression(context->expression());
}

antlrcpp::Any AstBuilder::visitSubscript(SqlParser::SubscriptContext* context) {
  return MakeExpression(
      context, ast::Subscript{BuildExpression(context->base), BuildExpression(context->index)});
}

antlrcpp::Any AstBuilder::visitColumnReference(SqlParser::ColumnReferenceContext* context) {
  return MakeExpression(context,
                        ast::ColumnReference{std::nullopt, BuildIdentifier(context->identifier())});
}

antlrcpp::Any AstBuilder::visitQualifiedColumnReference(
    SqlParser::QualifiedColumnReferenceContext* context) {
  return MakeExpression(
      context,
      ast::ColumnReference{BuildIdentifier(context->qualifier), BuildIdentifier(context->name)});
}

antlrcpp::Any AstBuilder::visitDereference(SqlParser::DereferenceContext* context) {
  return MakeExpression(
      context, ast::Dereference{BuildExpression(context->base), BuildIdentifier(context->field)});
}

// ---- literals

antlrcpp::Any AstBuilder::visitNullLiteral(SqlParser::NullLiteralContext* context) {
  return MakeExpression(context, ast::NullLiteral{});
}

antlrcpp::Any AstBuilder::visitBooleanLiteral(SqlParser::BooleanLiteralContext* context) {
  return MakeExpression(context, ast::BooleanLiteral{context->TRUE() != nullptr});
}

antlrcpp::Any AstBuilder::visitIntegerLiteral(SqlParser::IntegerLiteralContext* context) {
  const std::string text = SignedText(context, context->INTEGER_VALUE());
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    ThrowSyntaxError("integer literal out of range: " + text +
                         " (the largest BIGINT is 9223372036854775807; write a DECIMAL "
                         "such as " +
                         text + ".0 for bigger numbers)",
                     SpanOf(context));
  }
  return MakeExpression(context, ast::IntegerLiteral{value});
}

antlrcpp::Any AstBuilder::visitDecimalLiteral(SqlParser::DecimalLiteralContext* context) {
  return MakeExpression(context,
                        ast::DecimalLiteral{SignedText(context, context->DECIMAL_VALUE())});
}

antlrcpp::Any AstBuilder::visitDoubleLiteral(SqlParser::DoubleLiteralContext* context) {
  const std::string text = SignedText(context, context->FLOATING_POINT_VALUE());
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    ThrowSyntaxError("floating-point literal out of range: " + text, SpanOf(context));
  }
  return MakeExpression(context, ast::DoubleLiteral{value});
}

antlrcpp::Any AstBuilder::visitStringLiteral(SqlParser::StringLiteralContext* context) {
  return MakeExpression(context, ast::StringLiteral{Unquote(context->STRING()->getText(), '\'')});
}

antlrcpp::Any AstBuilder::visitVariableLiteral(SqlParser::VariableLiteralContext* context) {
  return MakeExpression(context,
                        ast::VariableReference{VariableName(context->VARIABLE()->getText())});
}

// ---- types

ast::DataType AstBuilder::BuildType(SqlParser::TypeContext* context) {
  antlrcpp::Any result = context->accept(this);
  ast::DataType type = std::move(result.as<ast::DataType>());
  type.span = SpanOf(context);
  return type;
}

antlrcpp::Any AstBuilder::visitArrayType(SqlParser::ArrayTypeContext* context) {
  ast::DataType type;
  type.kind = ast::TypeKind::kArray;
  type.element_types.push_back(BuildType(context->type()));
  return type;
}

antlrcpp::Any AstBuilder::visitMapType(SqlParser::MapTypeContext* context) {
  ast::DataType type;
  type.kind = ast::TypeKind::kMap;
  type.element_types.push_back(BuildType(context->type(0)));
  type.element_types.push_back(BuildType(context->type(1)));
  return type;
}

antlrcpp::Any AstBuilder::visitStructType(SqlParser::StructTypeContext* context) {
  ast::DataType type;
  type.kind = ast::TypeKind::kStruct;
  for (auto* field_context : context->structTypeField()) {
    ast::StructTypeField field;
    field.span = SpanOf(field_context);
    field.name = BuildIdentifier(field_context->identifier());
    field.type.push_back(BuildType(field_context->type()));
    type.fields.push_back(std::move(field));
  }
  return type;
}

antlrcpp::Any AstBuilder::visitNamedType(SqlParser::NamedTypeContext* context) {
  ast::DataType type;
  type.kind = ast::TypeKind::kNamed;
  type.name = BuildIdentifier(context->identifier());
  for (auto* parameter : context->typeParameter()) {
    if (parameter->INTEGER_VALUE() != nullptr) {
      type.parameters.push_back(parameter->INTEGER_VALUE()->getText());
    } else {
      // ksqlDB's grammar takes a number or the keyword STRING here (VARCHAR(STRING)); any other
      // name, as in `K STRING (KEY)`, is a syntax error at that name.
      std::string text = parameter->identifier()->getText();
      for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      if (text != "STRING") {
        ThrowSyntaxError("unexpected '" + parameter->identifier()->getText() +
                             "'; expected a type parameter: a number or STRING",
                         SpanOf(parameter->getStart()));
      }
      type.parameters.push_back(BuildIdentifier(parameter->identifier()).value);
    }
  }
  return type;
}

// ---- names

ast::Identifier AstBuilder::BuildIdentifier(SqlParser::IdentifierContext* context) {
  antlrcpp::Any result = context->accept(this);
  ast::Identifier identifier = std::move(result.as<ast::Identifier>());
  identifier.span = SpanOf(context);
  return identifier;
}

std::optional<ast::Identifier> AstBuilder::BuildOptionalIdentifier(
    SqlParser::IdentifierContext* context) {
  if (context == nullptr) {
    return std::nullopt;
  }
  return BuildIdentifier(context);
}

antlrcpp::Any AstBuilder::visitUnquotedIdentifier(SqlParser::UnquotedIdentifierContext* context) {
  ast::Identifier identifier;
  identifier.value = ToUpperAscii(context->getText());
  return identifier;
}

antlrcpp::Any AstBuilder::visitBackQuotedIdentifier(
    SqlParser::BackQuotedIdentifierContext* context) {
  ast::Identifier identifier;
  identifier.value = Unquote(context->getText(), '`');
  return identifier;
}

antlrcpp::Any AstBuilder::visitDoubleQuotedIdentifier(
    SqlParser::DoubleQuotedIdentifierContext* context) {
  ast::Identifier identifier;
  identifier.value = Unquote(context->getText(), '"');
  return identifier;
}

antlrcpp::Any AstBuilder::visitVariableIdentifier(SqlParser::VariableIdentifierContext* context) {
  ast::Identifier identifier;
  identifier.value = VariableName(context->getText());
  identifier.is_variable = true;
  return identifier;
}

ast::TimeUnit AstBuilder::BuildTimeUnit(SqlParser::TimeUnitContext* context) {
  switch (context->getStart()->getType()) {
    case SqlParser::MILLISECOND:
      return ast::TimeUnit::kMillisecond;
    case SqlParser::MILLISECONDS:
      return ast::TimeUnit::kMilliseconds;
    case SqlParser::SECOND:
      return ast::TimeUnit::kSecond;
    case SqlParser::SECONDS:
      return ast::TimeUnit::kSeconds;
    case SqlParser::MINUTE:
      return ast::TimeUnit::kMinute;
    case SqlParser::MINUTES:
      return ast::TimeUnit::kMinutes;
    case SqlParser::HOUR:
      return ast::TimeUnit::kHour;
    case SqlParser::HOURS:
      return ast::TimeUnit::kHours;
    case SqlParser::DAY:
      return ast::TimeUnit::kDay;
    default:
      return ast::TimeUnit::kDays;
  }
}

}  // namespace fluxo::parser
