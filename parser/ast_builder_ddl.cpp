// Statement-level AST building: DDL, DML, SHOW/DESCRIBE and session statements.

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "parser/ast_builder.h"

namespace fluxo::parser {

namespace {

ast::SourceKind KindOf(const antlr4::Token* kind_token) {
  return kind_token->getType() == SqlParser::TABLE ? ast::SourceKind::kTable
                                                   : ast::SourceKind::kStream;
}

ast::Statement::Variant MakeShow(ast::ShowKind what, bool extended, bool all = false) {
  ast::Show show;
  show.what = what;
  show.extended = extended;
  show.all = all;
  return show;
}

int64_t ParseCount(antlr4::tree::TerminalNode* integer) {
  try {
    return std::stoll(integer->getText());
  } catch (const std::exception&) {
    ThrowSyntaxError("number out of range: " + integer->getText(), SpanOf(integer->getSymbol()));
  }
}

// The result of visiting one CREATE element: a column, a watermark or a primary key.
using TableElement = std::variant<ast::ColumnDefinition, ast::Watermark, ast::PrimaryKeyConstraint>;

// The result of visiting a column constraint.
struct ConstraintResult {
  ast::ColumnConstraint constraint = ast::ColumnConstraint::kNone;
  std::string header_key;
};

}  // namespace

std::vector<ast::Statement> AstBuilder::BuildStatements(SqlParser::StatementsContext* context) {
  std::vector<ast::Statement> statements;
  for (auto* statement : context->statement()) {
    statements.push_back(BuildStatement(statement));
  }
  return statements;
}

ast::Statement AstBuilder::BuildStatement(SqlParser::StatementContext* context) {
  antlrcpp::Any result = context->accept(this);
  return std::move(result.as<ast::Statement>());
}

ast::Statement AstBuilder::MakeStatement(antlr4::ParserRuleContext* context,
                                         ast::Statement::Variant node) {
  ast::Statement statement;
  statement.span = SpanOf(context);
  statement.node = std::move(node);
  return statement;
}

antlrcpp::Any AstBuilder::visitQueryStatement(SqlParser::QueryStatementContext* context) {
  return MakeStatement(context, ast::QueryStatement{BuildQuery(context->query())});
}

antlrcpp::Any AstBuilder::visitShowProperties(SqlParser::ShowPropertiesContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kProperties, false));
}

antlrcpp::Any AstBuilder::visitShowTopics(SqlParser::ShowTopicsContext* context) {
  return MakeStatement(
      context,
      MakeShow(ast::ShowKind::kTopics, context->EXTENDED() != nullptr, context->ALL() != nullptr));
}

antlrcpp::Any AstBuilder::visitShowStreams(SqlParser::ShowStreamsContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kStreams, context->EXTENDED() != nullptr));
}

antlrcpp::Any AstBuilder::visitShowTables(SqlParser::ShowTablesContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kTables, context->EXTENDED() != nullptr));
}

antlrcpp::Any AstBuilder::visitShowFunctions(SqlParser::ShowFunctionsContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kFunctions, false));
}

antlrcpp::Any AstBuilder::visitShowTypes(SqlParser::ShowTypesContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kTypes, false));
}

antlrcpp::Any AstBuilder::visitShowVariables(SqlParser::ShowVariablesContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kVariables, false));
}

antlrcpp::Any AstBuilder::visitShowQueries(SqlParser::ShowQueriesContext* context) {
  return MakeStatement(context, MakeShow(ast::ShowKind::kQueries, context->EXTENDED() != nullptr));
}

antlrcpp::Any AstBuilder::visitDescribeStreams(SqlParser::DescribeStreamsContext* context) {
  return MakeStatement(
      context, ast::DescribeSources{ast::SourceKind::kStream, context->EXTENDED() != nullptr});
}

antlrcpp::Any AstBuilder::visitDescribeTables(SqlParser::DescribeTablesContext* context) {
  return MakeStatement(
      context, ast::DescribeSources{ast::SourceKind::kTable, context->EXTENDED() != nullptr});
}

antlrcpp::Any AstBuilder::visitDescribeFunction(SqlParser::DescribeFunctionContext* context) {
  return MakeStatement(context, ast::DescribeFunction{BuildIdentifier(context->identifier())});
}

antlrcpp::Any AstBuilder::visitDescribeSource(SqlParser::DescribeSourceContext* context) {
  return MakeStatement(context,
                       ast::DescribeSource{BuildIdentifier(context->sourceName()->identifier()),
                                           context->EXTENDED() != nullptr});
}

antlrcpp::Any AstBuilder::visitPrintTopic(SqlParser::PrintTopicContext* context) {
  ast::PrintTopic print;
  auto* resource = context->resourceName();
  if (resource->STRING() != nullptr) {
    print.topic = Unquote(resource->STRING()->getText(), '\'');
  } else {
    print.topic = BuildIdentifier(resource->identifier()).value;
  }
  auto* clause = context->printClause();
  print.from_beginning = clause->BEGINNING() != nullptr;
  // INTERVAL n and LIMIT n: the integers appear in clause order.
  std::vector<antlr4::tree::TerminalNode*> numbers = clause->INTEGER_VALUE();
  size_t next = 0;
  if (clause->INTERVAL() != nullptr) {
    print.interval = ParseCount(numbers[next++]);
  }
  if (clause->LIMIT() != nullptr) {
    print.limit = ParseCount(numbers[next]);
  }
  return MakeStatement(context, std::move(print));
}

antlrcpp::Any AstBuilder::visitTerminateQuery(SqlParser::TerminateQueryContext* context) {
  return MakeStatement(context,
                       ast::QueryControl{ast::QueryAction::kTerminate,
                                         BuildOptionalIdentifier(context->identifier())});
}

antlrcpp::Any AstBuilder::visitPauseQuery(SqlParser::PauseQueryContext* context) {
  return MakeStatement(
      context,
      ast::QueryControl{ast::QueryAction::kPause, BuildOptionalIdentifier(context->identifier())});
}

antlrcpp::Any AstBuilder::visitResumeQuery(SqlParser::ResumeQueryContext* context) {
  return MakeStatement(
      context,
      ast::QueryControl{ast::QueryAction::kResume, BuildOptionalIdentifier(context->identifier())});
}

antlrcpp::Any AstBuilder::visitSetProperty(SqlParser::SetPropertyContext* context) {
  return MakeStatement(context,
                       ast::SetProperty{Unquote(context->propertyName->getText(), '\''),
                                        Unquote(context->propertyValue->getText(), '\'')});
}

antlrcpp::Any AstBuilder::visitUnsetProperty(SqlParser::UnsetPropertyContext* context) {
  return MakeStatement(context,
                       ast::UnsetProperty{Unquote(context->propertyName->getText(), '\'')});
}

antlrcpp::Any AstBuilder::visitDefineVariable(SqlParser::DefineVariableContext* context) {
  return MakeStatement(
      context,
      ast::DefineVariable{BuildIdentifier(context->variableName()->identifier()).value,
                          Unquote(context->STRING()->getText(), '\'')});
}

antlrcpp::Any AstBuilder::visitUndefineVariable(SqlParser::UndefineVariableContext* context) {
  return MakeStatement(
      context, ast::UndefineVariable{BuildIdentifier(context->variableName()->identifier()).value});
}

antlrcpp::Any AstBuilder::visitRunScript(SqlParser::RunScriptContext* context) {
  return MakeStatement(context, ast::RunScript{Unquote(context->STRING()->getText(), '\'')});
}

antlrcpp::Any AstBuilder::visitCreateSource(SqlParser::CreateSourceContext* context) {
  if (context->query() != nullptr) {
    return BuildCreateSourceAs(context);
  }
  ast::CreateSource create;
  create.kind = KindOf(context->kind);
  create.or_replace = context->REPLACE() != nullptr;
  create.read_only = context->SOURCE() != nullptr;
  create.if_not_exists = context->EXISTS() != nullptr;
  create.name = BuildIdentifier(context->sourceName()->identifier());
  if (auto* elements = context->tableElements(); elements != nullptr) {
    for (auto* element_context : elements->tableElement()) {
      antlrcpp::Any result = element_context->accept(this);
      auto& element = result.as<TableElement>();
      if (auto* column = std::get_if<ast::ColumnDefinition>(&element)) {
        create.columns.push_back(std::move(*column));
      } else if (auto* watermark = std::get_if<ast::Watermark>(&element)) {
        if (create.watermark.has_value()) {
          ThrowSyntaxError("only one WATERMARK is allowed", watermark->span);
        }
        create.watermark = std::move(*watermark);
      } else {
        auto& key = std::get<ast::PrimaryKeyConstraint>(element);
        if (create.primary_key.has_value()) {
          ThrowSyntaxError("only one PRIMARY KEY constraint is allowed", key.span);
        }
        create.primary_key = std::move(key);
      }
    }
  }
  create.properties = BuildProperties(context->tableProperties());
  return MakeStatement(context, std::move(create));
}

ast::Statement AstBuilder::BuildCreateSourceAs(SqlParser::CreateSourceContext* context) {
  if (context->SOURCE() != nullptr) {
    ThrowSyntaxError("CREATE SOURCE cannot have AS SELECT: a read-only source reads a topic",
                     SpanOf(context->SOURCE()->getSymbol()));
  }
  if (context->tableElements() != nullptr) {
    ThrowSyntaxError(
        "CREATE ... AS SELECT takes its columns from the query: remove the column "
        "list",
        SpanOf(context->tableElements()));
  }
  ast::CreateSourceAs create;
  create.kind = KindOf(context->kind);
  create.or_replace = context->REPLACE() != nullptr;
  create.if_not_exists = context->EXISTS() != nullptr;
  create.name = BuildIdentifier(context->sourceName()->identifier());
  create.properties = BuildProperties(context->tableProperties());
  create.query = BuildQuery(context->query());
  return MakeStatement(context, std::move(create));
}

antlrcpp::Any AstBuilder::visitInsertInto(SqlParser::InsertIntoContext* context) {
  ast::InsertInto insert;
  insert.target = BuildIdentifier(context->sourceName()->identifier());
  insert.properties = BuildProperties(context->tableProperties());
  insert.query = BuildQuery(context->query());
  return MakeStatement(context, std::move(insert));
}

antlrcpp::Any AstBuilder::visitInsertValues(SqlParser::InsertValuesContext* context) {
  ast::InsertValues insert;
  insert.target = BuildIdentifier(context->sourceName()->identifier());
  if (auto* columns = context->columnList(); columns != nullptr) {
    for (auto* column : columns->identifier()) {
      insert.columns.push_back(BuildIdentifier(column));
    }
  }
  for (auto* value : context->valueList()->expression()) {
    insert.values.push_back(BuildExpression(value));
  }
  return MakeStatement(context, std::move(insert));
}

antlrcpp::Any AstBuilder::visitDropSource(SqlParser::DropSourceContext* context) {
  ast::DropSource drop;
  drop.kind = KindOf(context->kind);
  drop.if_exists = context->EXISTS() != nullptr;
  drop.name = BuildIdentifier(context->sourceName()->identifier());
  drop.delete_topic = context->DELETE() != nullptr;
  return MakeStatement(context, std::move(drop));
}

antlrcpp::Any AstBuilder::visitCreateType(SqlParser::CreateTypeContext* context) {
  return MakeStatement(context,
                       ast::CreateType{context->EXISTS() != nullptr,
                                       BuildIdentifier(context->identifier()),
                                       BuildType(context->type())});
}

antlrcpp::Any AstBuilder::visitDropType(SqlParser::DropTypeContext* context) {
  return MakeStatement(
      context, ast::DropType{context->EXISTS() != nullptr, BuildIdentifier(context->identifier())});
}

antlrcpp::Any AstBuilder::visitAlterSource(SqlParser::AlterSourceContext* context) {
  ast::AlterSource alter;
  alter.kind = KindOf(context->kind);
  alter.name = BuildIdentifier(context->sourceName()->identifier());
  for (auto* option : context->alterOption()) {
    alter.added_columns.push_back(BuildColumn(option->identifier(), option->type(), option));
  }
  return MakeStatement(context, std::move(alter));
}

antlrcpp::Any AstBuilder::visitExplain(SqlParser::ExplainContext* context) {
  ast::Explain explain;
  if (context->statement() != nullptr) {
    explain.statement = ast::Box<ast::Statement>(BuildStatement(context->statement()));
  } else {
    explain.query_id = BuildIdentifier(context->identifier());
  }
  return MakeStatement(context, std::move(explain));
}

antlrcpp::Any AstBuilder::visitColumnElement(SqlParser::ColumnElementContext* context) {
  ast::ColumnDefinition column = BuildColumn(context->identifier(), context->type(), context);
  if (auto* constraint = context->columnConstraint(); constraint != nullptr) {
    antlrcpp::Any result = constraint->accept(this);
    auto& constraint_result = result.as<ConstraintResult>();
    column.constraint = constraint_result.constraint;
    column.header_key = std::move(constraint_result.header_key);
  }
  return TableElement(std::move(column));
}

antlrcpp::Any AstBuilder::visitWatermarkElement(SqlParser::WatermarkElementContext* context) {
  ast::Watermark watermark;
  watermark.span = SpanOf(context);
  watermark.column = BuildIdentifier(context->identifier());
  watermark.expression = BuildExpression(context->expression());
  return TableElement(std::move(watermark));
}

antlrcpp::Any AstBuilder::visitPrimaryKeyElement(SqlParser::PrimaryKeyElementContext* context) {
  ast::PrimaryKeyConstraint key;
  key.span = SpanOf(context);
  for (auto* column : context->identifier()) {
    key.columns.push_back(BuildIdentifier(column));
  }
  key.not_enforced = context->ENFORCED() != nullptr;
  return TableElement(std::move(key));
}

antlrcpp::Any AstBuilder::visitPrimaryKeyConstraint(SqlParser::PrimaryKeyConstraintContext*) {
  return ConstraintResult{ast::ColumnConstraint::kPrimaryKey, ""};
}

antlrcpp::Any AstBuilder::visitKeyConstraint(SqlParser::KeyConstraintContext*) {
  return ConstraintResult{ast::ColumnConstraint::kKey, ""};
}

antlrcpp::Any AstBuilder::visitHeadersConstraint(SqlParser::HeadersConstraintContext*) {
  return ConstraintResult{ast::ColumnConstraint::kHeaders, ""};
}

antlrcpp::Any AstBuilder::visitHeaderConstraint(SqlParser::HeaderConstraintContext* context) {
  return ConstraintResult{ast::ColumnConstraint::kHeader,
                          Unquote(context->STRING()->getText(), '\'')};
}

ast::ColumnDefinition AstBuilder::BuildColumn(SqlParser::IdentifierContext* name,
                                              SqlParser::TypeContext* type,
                                              antlr4::ParserRuleContext* whole) {
  ast::ColumnDefinition column;
  column.span = SpanOf(whole);
  column.name = BuildIdentifier(name);
  column.type = BuildType(type);
  return column;
}

std::vector<ast::Property> AstBuilder::BuildProperties(SqlParser::TablePropertiesContext* context) {
  std::vector<ast::Property> properties;
  if (context == nullptr) {
    return properties;
  }
  for (auto* property_context : context->tableProperty()) {
    ast::Property property;
    property.span = SpanOf(property_context);
    if (property_context->STRING() != nullptr) {
      property.name = Unquote(property_context->STRING()->getText(), '\'');
    } else {
      property.name = BuildIdentifier(property_context->identifier()).value;
    }
    property.value = BuildExpression(property_context->literal());
    properties.push_back(std::move(property));
  }
  return properties;
}

}  // namespace fluxo::parser
