#pragma once

// Internal to parser/: the bridge from ANTLR's parse tree to the AST. Only this header, the
// ast_builder_*.cpp files and parser.cpp include generated code.

#include <optional>
#include <string>
#include <vector>

#include "SqlBaseVisitor.h"
#include "SqlParser.h"
#include "parser/ast/expression.h"
#include "parser/ast/statement.h"

namespace fluxo::parser {

using grammar::SqlParser;

/// Returns the span of a rule's text: its first token's position and the length up to the end
/// of its last token.
SourceSpan SpanOf(antlr4::ParserRuleContext* context);

/// Returns the span of one token.
SourceSpan SpanOf(const antlr4::Token* token);

/// Throws a kSyntax fluxo::Error pointing at `span`.
[[noreturn]] void ThrowSyntaxError(const std::string& message, const SourceSpan& span);

/// Builds AST nodes from the parse tree, one method per labelled grammar alternative (ksqlDB's
/// AstBuilder). Visitor methods return their node inside antlrcpp::Any; the Build* methods
/// unwrap them with the right type. Split by statement family over ast_builder_ddl.cpp
/// (statements), ast_builder_query.cpp (SELECT, relations, windows) and ast_builder_expr.cpp
/// (expressions, literals, types, names).
class AstBuilder : public grammar::SqlBaseVisitor {
 public:
  /// Deepest expression tree the builder accepts. Long operator chains (a OR b OR ...) nest
  /// too, so this also bounds the recursion of everything that walks the AST later.
  static constexpr int kMaxExpressionDepth = 1000;

  std::vector<ast::Statement> BuildStatements(SqlParser::StatementsContext* context);

  ast::Expression BuildSingleExpression(SqlParser::SingleExpressionContext* context);

  // ---- statements (ast_builder_ddl.cpp)
  antlrcpp::Any visitQueryStatement(SqlParser::QueryStatementContext* context) override;
  antlrcpp::Any visitShowProperties(SqlParser::ShowPropertiesContext* context) override;
  antlrcpp::Any visitShowTopics(SqlParser::ShowTopicsContext* context) override;
  antlrcpp::Any visitShowStreams(SqlParser::ShowStreamsContext* context) override;
  antlrcpp::Any visitShowTables(SqlParser::ShowTablesContext* context) override;
  antlrcpp::Any visitShowFunctions(SqlParser::ShowFunctionsContext* context) override;
  antlrcpp::Any visitShowTypes(SqlParser::ShowTypesContext* context) override;
  antlrcpp::Any visitShowVariables(SqlParser::ShowVariablesContext* context) override;
  antlrcpp::Any visitShowQueries(SqlParser::ShowQueriesContext* context) override;
  antlrcpp::Any visitDescribeStreams(SqlParser::DescribeStreamsContext* context) override;
  antlrcpp::Any visitDescribeTables(SqlParser::DescribeTablesContext* context) override;
  antlrcpp::Any visitDescribeFunction(SqlParser::DescribeFunctionContext* context) override;
  antlrcpp::Any visitDescribeSource(SqlParser::DescribeSourceContext* context) override;
  antlrcpp::Any visitPrintTopic(SqlParser::PrintTopicContext* context) override;
  antlrcpp::Any visitTerminateQuery(SqlParser::TerminateQueryContext* context) override;
  antlrcpp::Any visitPauseQuery(SqlParser::PauseQueryContext* context) override;
  antlrcpp::Any visitResumeQuery(SqlParser::ResumeQueryContext* context) override;
  antlrcpp::Any visitSetProperty(SqlParser::SetPropertyContext* context) override;
  antlrcpp::Any visitUnsetProperty(SqlParser::UnsetPropertyContext* context) override;
  antlrcpp::Any visitDefineVariable(SqlParser::DefineVariableContext* context) override;
  antlrcpp::Any visitUndefineVariable(SqlParser::UndefineVariableContext* context) override;
  antlrcpp::Any visitRunScript(SqlParser::RunScriptContext* context) override;
  antlrcpp::Any visitCreateSource(SqlParser::CreateSourceContext* context) override;
  antlrcpp::Any visitInsertInto(SqlParser::InsertIntoContext* context) override;
  antlrcpp::Any visitInsertValues(SqlParser::InsertValuesContext* context) override;
  antlrcpp::Any visitDropSource(SqlParser::DropSourceContext* context) override;
  antlrcpp::Any visitCreateType(SqlParser::CreateTypeContext* context) override;
  antlrcpp::Any visitDropType(SqlParser::DropTypeContext* context) override;
  antlrcpp::Any visitAlterSource(SqlParser::AlterSourceContext* context) override;
  antlrcpp::Any visitExplain(SqlParser::ExplainContext* context) override;
  antlrcpp::Any visitColumnElement(SqlParser::ColumnElementContext* context) override;
  antlrcpp::Any visitWatermarkElement(SqlParser::WatermarkElementContext* context) override;
  antlrcpp::Any visitPrimaryKeyElement(SqlParser::PrimaryKeyElementContext* context) override;
  antlrcpp::Any visitPrimaryKeyConstraint(SqlParser::PrimaryKeyConstraintContext* context) override;
  antlrcpp::Any visitKeyConstraint(SqlParser::KeyConstraintContext* context) override;
  antlrcpp::Any visitHeadersConstraint(SqlParser::HeadersConstraintContext* context) override;
  antlrcpp::Any visitHeaderConstraint(SqlParser::HeaderConstraintContext* context) override;

  // ---- queries (ast_builder_query.cpp)
  antlrcpp::Any visitSelectSingle(SqlParser::SelectSingleContext* context) override;
  antlrcpp::Any visitSelectAllOf(SqlParser::SelectAllOfContext* context) override;
  antlrcpp::Any visitSelectAll(SqlParser::SelectAllContext* context) override;
  antlrcpp::Any visitInnerJoin(SqlParser::InnerJoinContext* context) override;
  antlrcpp::Any visitLeftJoin(SqlParser::LeftJoinContext* context) override;
  antlrcpp::Any visitRightJoin(SqlParser::RightJoinContext* context) override;
  antlrcpp::Any visitFullJoin(SqlParser::FullJoinContext* context) override;
  antlrcpp::Any visitWithinBeforeAfter(SqlParser::WithinBeforeAfterContext* context) override;
  antlrcpp::Any visitWithinSymmetric(SqlParser::WithinSymmetricContext* context) override;
  antlrcpp::Any visitSourceRelation(SqlParser::SourceRelationContext* context) override;
  antlrcpp::Any visitWindowTableFunction(SqlParser::WindowTableFunctionContext* context) override;
  antlrcpp::Any visitTumblingWindow(SqlParser::TumblingWindowContext* context) override;
  antlrcpp::Any visitHoppingWindow(SqlParser::HoppingWindowContext* context) override;
  antlrcpp::Any visitSessionWindow(SqlParser::SessionWindowContext* context) override;

  // ---- expressions (ast_builder_expr.cpp)
  antlrcpp::Any visitExpression(SqlParser::ExpressionContext* context) override;
  antlrcpp::Any visitBooleanDefault(SqlParser::BooleanDefaultContext* context) override;
  antlrcpp::Any visitLogicalNot(SqlParser::LogicalNotContext* context) override;
  antlrcpp::Any visitLogicalAnd(SqlParser::LogicalAndContext* context) override;
  antlrcpp::Any visitLogicalOr(SqlParser::LogicalOrContext* context) override;
  antlrcpp::Any visitPredicated(SqlParser::PredicatedContext* context) override;
  antlrcpp::Any visitComparison(SqlParser::ComparisonContext* context) override;
  antlrcpp::Any visitBetween(SqlParser::BetweenContext* context) override;
  antlrcpp::Any visitInList(SqlParser::InListContext* context) override;
  antlrcpp::Any visitLike(SqlParser::LikeContext* context) override;
  antlrcpp::Any visitNullPredicate(SqlParser::NullPredicateContext* context) override;
  antlrcpp::Any visitDistinctFrom(SqlParser::DistinctFromContext* context) override;
  antlrcpp::Any visitValueDefault(SqlParser::ValueDefaultContext* context) override;
  antlrcpp::Any visitArithmeticUnary(SqlParser::ArithmeticUnaryContext* context) override;
  antlrcpp::Any visitArithmeticBinary(SqlParser::ArithmeticBinaryContext* context) override;
  antlrcpp::Any visitConcatenation(SqlParser::ConcatenationContext* context) override;
  antlrcpp::Any visitLiteralExpression(SqlParser::LiteralExpressionContext* context) override;
  antlrcpp::Any visitIntervalLiteral(SqlParser::IntervalLiteralContext* context) override;
  antlrcpp::Any visitTypedLiteral(SqlParser::TypedLiteralContext* context) override;
  antlrcpp::Any visitSimpleCase(SqlParser::SimpleCaseContext* context) override;
  antlrcpp::Any visitSearchedCase(SqlParser::SearchedCaseContext* context) override;
  antlrcpp::Any visitCast(SqlParser::CastContext* context) override;
  antlrcpp::Any visitArrayConstructor(SqlParser::ArrayConstructorContext* context) override;
  antlrcpp::Any visitMapConstructor(SqlParser::MapConstructorContext* context) override;
  antlrcpp::Any visitStructConstructor(SqlParser::StructConstructorContext* context) override;
  antlrcpp::Any visitFunctionCallStar(SqlParser::FunctionCallStarContext* context) override;
  antlrcpp::Any visitFunctionCall(SqlParser::FunctionCallContext* context) override;
  antlrcpp::Any visitSubscript(SqlParser::SubscriptContext* context) override;
  antlrcpp::Any visitColumnReference(SqlParser::ColumnReferenceContext* context) override;
  antlrcpp::Any visitQualifiedColumnReference(
      SqlParser::QualifiedColumnReferenceContext* context) override;
  antlrcpp::Any visitDereference(SqlParser::DereferenceContext* context) override;
  antlrcpp::Any visitParenthesizedExpression(
      SqlParser::ParenthesizedExpressionContext* context) override;
  antlrcpp::Any visitNullLiteral(SqlParser::NullLiteralContext* context) override;
  antlrcpp::Any visitBooleanLiteral(SqlParser::BooleanLiteralContext* context) override;
  antlrcpp::Any visitIntegerLiteral(SqlParser::IntegerLiteralContext* context) override;
  antlrcpp::Any visitDecimalLiteral(SqlParser::DecimalLiteralContext* context) override;
  antlrcpp::Any visitDoubleLiteral(SqlParser::DoubleLiteralContext* context) override;
  antlrcpp::Any visitStringLiteral(SqlParser::StringLiteralContext* context) override;
  antlrcpp::Any visitVariableLiteral(SqlParser::VariableLiteralContext* context) override;
  antlrcpp::Any visitArrayType(SqlParser::ArrayTypeContext* context) override;
  antlrcpp::Any visitMapType(SqlParser::MapTypeContext* context) override;
  antlrcpp::Any visitStructType(SqlParser::StructTypeContext* context) override;
  antlrcpp::Any visitNamedType(SqlParser::NamedTypeContext* context) override;
  antlrcpp::Any visitUnquotedIdentifier(SqlParser::UnquotedIdentifierContext* context) override;
  antlrcpp::Any visitBackQuotedIdentifier(SqlParser::BackQuotedIdentifierContext* context) override;
  antlrcpp::Any visitDoubleQuotedIdentifier(
      SqlParser::DoubleQuotedIdentifierContext* context) override;
  antlrcpp::Any visitVariableIdentifier(SqlParser::VariableIdentifierContext* context) override;

 private:
  // Typed entry points: each dispatches through accept() and unwraps the result.
  ast::Statement BuildStatement(SqlParser::StatementContext* context);
  ast::Expression BuildExpression(antlr4::ParserRuleContext* context);
  ast::Expression BuildFunctionArgument(SqlParser::FunctionArgumentContext* context);
  ast::Identifier BuildIdentifier(SqlParser::IdentifierContext* context);
  std::optional<ast::Identifier> BuildOptionalIdentifier(SqlParser::IdentifierContext* context);
  ast::DataType BuildType(SqlParser::TypeContext* context);
  ast::Query BuildQuery(SqlParser::QueryContext* context);
  ast::SelectItem BuildSelectItem(SqlParser::SelectItemContext* context);
  ast::AliasedRelation BuildAliasedRelation(SqlParser::AliasedRelationContext* context);
  ast::Join BuildJoin(SqlParser::JoinedSourceContext* context);
  ast::WindowSpec BuildWindow(SqlParser::WindowExpressionContext* context);
  void ApplyWindowOptions(const std::vector<SqlParser::WindowOptionContext*>& options,
                          ast::WindowSpec& window);
  std::vector<ast::Expression> BuildExpressionList(
      const std::vector<SqlParser::ValueExpressionContext*>& contexts);
  std::vector<ast::Property> BuildProperties(SqlParser::TablePropertiesContext* context);
  std::vector<ast::WhenClause> BuildWhenClauses(
      const std::vector<SqlParser::WhenClauseContext*>& contexts);
  ast::ColumnDefinition BuildColumn(SqlParser::IdentifierContext* name,
                                    SqlParser::TypeContext* type,
                                    antlr4::ParserRuleContext* whole);
  ast::Duration BuildDuration(SqlParser::DurationContext* context);
  ast::TimeUnit BuildTimeUnit(SqlParser::TimeUnitContext* context);
  ast::Statement BuildCreateSourceAs(SqlParser::CreateSourceContext* context);
  ast::Statement MakeStatement(antlr4::ParserRuleContext* context, ast::Statement::Variant node);
  ast::Expression MakeExpression(antlr4::ParserRuleContext* context, ast::Expression::Variant node);

  int expression_depth_ = 0;
  // visitPredicated builds the tested value first and leaves it here for the predicate.
  std::optional<ast::Expression> predicate_value_;
};

/// Removes the surrounding quotes of a quoted token and undoes the doubled quote inside:
/// `'it''s'` -> `it's`.
std::string Unquote(const std::string& text, char quote);

/// Upper-cases ASCII letters, as ksqlDB does for unquoted identifiers.
std::string ToUpperAscii(std::string text);

}  // namespace fluxo::parser
