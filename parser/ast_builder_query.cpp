// Query-level AST building: SELECT, relations and joins, windows.

#include <string>
#include <utility>
#include <vector>

#include "parser/ast_builder.h"

namespace fluxo::parser {

namespace {

ast::WindowFunctionKind WindowFunctionKindOf(const ast::Identifier& name) {
  if (name.value == "TUMBLE") {
    return ast::WindowFunctionKind::kTumble;
  }
  if (name.value == "HOP") {
    return ast::WindowFunctionKind::kHop;
  }
  if (name.value == "CUMULATE") {
    return ast::WindowFunctionKind::kCumulate;
  }
  if (name.value == "SESSION") {
    return ast::WindowFunctionKind::kSession;
  }
  ThrowSyntaxError(
      "unknown window function " + name.value + "; expected TUMBLE, HOP, CUMULATE or SESSION",
      name.span);
}

}  // namespace

ast::Query AstBuilder::BuildQuery(SqlParser::QueryContext* context) {
  ast::Query query;
  query.span = SpanOf(context);
  for (auto* item : context->selectItem()) {
    query.select_items.push_back(BuildSelectItem(item));
  }
  auto* relation = context->relation();
  query.from = BuildAliasedRelation(relation->aliasedRelation());
  for (auto* joined : relation->joinedSource()) {
    query.joins.push_back(BuildJoin(joined));
  }
  if (context->windowExpression() != nullptr) {
    query.window = BuildWindow(context->windowExpression());
  }
  if (context->where != nullptr) {
    query.where = BuildExpression(context->where);
  }
  if (auto* group_by = context->groupBy(); group_by != nullptr) {
    query.group_by = BuildExpressionList(group_by->valueExpression());
  }
  if (auto* partition_by = context->partitionBy(); partition_by != nullptr) {
    query.partition_by = BuildExpressionList(partition_by->valueExpression());
  }
  if (context->having != nullptr) {
    query.having = BuildExpression(context->having);
  }
  if (auto* emit = context->emitMode(); emit != nullptr) {
    query.emit = emit->FINAL() != nullptr ? ast::EmitMode::kFinal : ast::EmitMode::kChanges;
  }
  if (context->limit != nullptr) {
    try {
      query.limit = std::stoll(context->limit->getText());
    } catch (const std::exception&) {
      ThrowSyntaxError("LIMIT out of range: " + context->limit->getText(), SpanOf(context->limit));
    }
  }
  return query;
}

std::vector<ast::Expression> AstBuilder::BuildExpressionList(
    const std::vector<SqlParser::ValueExpressionContext*>& contexts) {
  std::vector<ast::Expression> expressions;
  expressions.reserve(contexts.size());
  for (auto* context : contexts) {
    expressions.push_back(BuildExpression(context));
  }
  return expressions;
}

ast::SelectItem AstBuilder::BuildSelectItem(SqlParser::SelectItemContext* context) {
  antlrcpp::Any result = context->accept(this);
  ast::SelectItem item = std::move(result.as<ast::SelectItem>());
  item.span = SpanOf(context);
  return item;
}

antlrcpp::Any AstBuilder::visitSelectSingle(SqlParser::SelectSingleContext* context) {
  ast::SelectItem item;
  item.expression = BuildExpression(context->expression());
  if (context->ARROW() != nullptr) {
    item.kind = ast::SelectItemKind::kStructAll;
  } else {
    item.kind = ast::SelectItemKind::kExpression;
    item.alias = BuildOptionalIdentifier(context->identifier());
  }
  return item;
}

antlrcpp::Any AstBuilder::visitSelectAllOf(SqlParser::SelectAllOfContext* context) {
  ast::SelectItem item;
  item.kind = ast::SelectItemKind::kAllOf;
  item.source = BuildIdentifier(context->identifier());
  return item;
}

antlrcpp::Any AstBuilder::visitSelectAll(SqlParser::SelectAllContext*) {
  ast::SelectItem item;
  item.kind = ast::SelectItemKind::kAll;
  return item;
}

ast::AliasedRelation AstBuilder::BuildAliasedRelation(SqlParser::AliasedRelationContext* context) {
  antlrcpp::Any result = context->relationPrimary()->accept(this);
  ast::AliasedRelation relation = std::move(result.as<ast::AliasedRelation>());
  relation.span = SpanOf(context);
  relation.alias = BuildOptionalIdentifier(context->identifier());
  return relation;
}

antlrcpp::Any AstBuilder::visitSourceRelation(SqlParser::SourceRelationContext* context) {
  ast::AliasedRelation relation;
  relation.source = BuildIdentifier(context->sourceName()->identifier());
  return relation;
}

antlrcpp::Any AstBuilder::visitWindowTableFunction(SqlParser::WindowTableFunctionContext* context) {
  ast::WindowTableFunction function;
  function.span = SpanOf(context);
  std::vector<SqlParser::IdentifierContext*> names = context->identifier();
  ast::Identifier function_name = BuildIdentifier(names[0]);
  function.kind = WindowFunctionKindOf(function_name);
  function.source = BuildIdentifier(context->sourceName()->identifier());
  function.time_column = BuildIdentifier(names[1]);
  for (auto* argument : context->expression()) {
    function.arguments.push_back(BuildExpression(argument));
  }
  ast::AliasedRelation relation;
  relation.window_function = std::move(function);
  return relation;
}

ast::Join AstBuilder::BuildJoin(SqlParser::JoinedSourceContext* context) {
  ast::Join join;
  join.span = SpanOf(context);
  antlrcpp::Any type = context->joinType()->accept(this);
  join.type = type.as<ast::JoinType>();
  join.right = BuildAliasedRelation(context->aliasedRelation());
  if (auto* within = context->withinExpression(); within != nullptr) {
    antlrcpp::Any result = within->accept(this);
    join.within = result.as<ast::WithinSpec>();
    join.within->span = SpanOf(within);
  }
  join.condition = BuildExpression(context->expression());
  return join;
}

antlrcpp::Any AstBuilder::visitInnerJoin(SqlParser::InnerJoinContext*) {
  return ast::JoinType::kInner;
}

antlrcpp::Any AstBuilder::visitLeftJoin(SqlParser::LeftJoinContext*) {
  return ast::JoinType::kLeft;
}

antlrcpp::Any AstBuilder::visitRightJoin(SqlParser::RightJoinContext*) {
  return ast::JoinType::kRight;
}

antlrcpp::Any AstBuilder::visitFullJoin(SqlParser::FullJoinContext*) {
  return ast::JoinType::kFull;
}

antlrcpp::Any AstBuilder::visitWithinBeforeAfter(SqlParser::WithinBeforeAfterContext* context) {
  ast::WithinSpec within;
  within.before = BuildDuration(context->duration(0));
  within.after = BuildDuration(context->duration(1));
  within.before_and_after = true;
  if (auto* grace = context->gracePeriod(); grace != nullptr) {
    within.grace = BuildDuration(grace->duration());
  }
  return within;
}

antlrcpp::Any AstBuilder::visitWithinSymmetric(SqlParser::WithinSymmetricContext* context) {
  ast::WithinSpec within;
  within.before = BuildDuration(context->duration());
  within.after = within.before;
  if (auto* grace = context->gracePeriod(); grace != nullptr) {
    within.grace = BuildDuration(grace->duration());
  }
  return within;
}

ast::WindowSpec AstBuilder::BuildWindow(SqlParser::WindowExpressionContext* context) {
  antlrcpp::Any result = context->accept(this);
  ast::WindowSpec window = result.as<ast::WindowSpec>();
  window.span = SpanOf(context);
  return window;
}

antlrcpp::Any AstBuilder::visitTumblingWindow(SqlParser::TumblingWindowContext* context) {
  ast::WindowSpec window;
  window.kind = ast::WindowKind::kTumbling;
  window.size = BuildDuration(context->duration());
  ApplyWindowOptions(context->windowOption(), window);
  return window;
}

antlrcpp::Any AstBuilder::visitHoppingWindow(SqlParser::HoppingWindowContext* context) {
  ast::WindowSpec window;
  window.kind = ast::WindowKind::kHopping;
  window.size = BuildDuration(context->duration(0));
  window.advance = BuildDuration(context->duration(1));
  ApplyWindowOptions(context->windowOption(), window);
  return window;
}

antlrcpp::Any AstBuilder::visitSessionWindow(SqlParser::SessionWindowContext* context) {
  ast::WindowSpec window;
  window.kind = ast::WindowKind::kSession;
  window.size = BuildDuration(context->duration());
  ApplyWindowOptions(context->windowOption(), window);
  return window;
}

void AstBuilder::ApplyWindowOptions(const std::vector<SqlParser::WindowOptionContext*>& options,
                                    ast::WindowSpec& window) {
  for (auto* option : options) {
    // The alternative is decided by its first token: RETENTION or GRACE.
    if (option->getStart()->getType() == SqlParser::RETENTION) {
      auto* retention = static_cast<SqlParser::RetentionOptionContext*>(option);
      if (window.retention.has_value()) {
        ThrowSyntaxError("RETENTION is given twice", SpanOf(option));
      }
      window.retention = BuildDuration(retention->duration());
    } else {
      auto* grace = static_cast<SqlParser::GracePeriodOptionContext*>(option);
      if (window.grace.has_value()) {
        ThrowSyntaxError("GRACE PERIOD is given twice", SpanOf(option));
      }
      window.grace = BuildDuration(grace->gracePeriod()->duration());
    }
  }
}

ast::Duration AstBuilder::BuildDuration(SqlParser::DurationContext* context) {
  ast::Duration duration;
  duration.span = SpanOf(context);
  try {
    duration.amount = std::stoll(context->INTEGER_VALUE()->getText());
  } catch (const std::exception&) {
    ThrowSyntaxError("duration out of range: " + context->INTEGER_VALUE()->getText(),
                     SpanOf(context->INTEGER_VALUE()->getSymbol()));
  }
  duration.unit = BuildTimeUnit(context->timeUnit());
  return duration;
}

}  // namespace fluxo::parser
