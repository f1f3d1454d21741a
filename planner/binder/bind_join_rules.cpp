#include "planner/binder/bind_join_rules.h"

#include <algorithm>

#include "parser/ast/expression_children.h"
#include "parser/sql_formatter.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

std::string WindowTypeText(WindowType type) {
  switch (type) {
    case WindowType::kTumbling:
      return "TUMBLING";
    case WindowType::kHopping:
      return "HOPPING";
    case WindowType::kSession:
      return "SESSION";
  }
  return "?";
}

bool HoldsMap(const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kMap:
      return true;
    case TypeKind::kArray:
      return HoldsMap(*type.element());
    case TypeKind::kStruct:
      for (const auto& field : type.fields()) {
        if (HoldsMap(*field.type)) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

// "T [INNER] JOIN U": the sources and the join type, as ksqlDB's messages name a join.
std::string JoinText(const JoinSides& sides, JoinType type) {
  return sides.left_name + " " + JoinTypeText(type) + " " + sides.right_name;
}

// "L.A = R.A" as written (ksqlDB prints the condition before flipping it).
std::string ConditionText(const JoinSides& sides) {
  const ast::Expression& first = sides.flipped ? *sides.right : *sides.left;
  const ast::Expression& second = sides.flipped ? *sides.left : *sides.right;
  return parser::FormatExpression(first) + " = " + parser::FormatExpression(second);
}

void CheckQualifiers(const ast::Expression& expression, const std::vector<std::string>& known) {
  if (expression.Is<ast::Lambda>()) {
    return;
  }
  if (const auto* reference = expression.As<ast::ColumnReference>()) {
    if (reference->qualifier.has_value() &&
        std::find(known.begin(), known.end(), reference->qualifier->value) == known.end()) {
      throw Error(ErrorKind::kBinding,
                  "Failed to prepare statement: '" + reference->qualifier->value +
                      "' is not a valid stream/table name or alias.",
                  reference->qualifier->span);
    }
    return;
  }
  for (const ast::Expression* child : ast::ChildrenOf(expression)) {
    CheckQualifiers(*child, known);
  }
}

}  // namespace

void CheckJoinQualifiers(const ast::Query& query,
                         const std::vector<const ast::AliasedRelation*>& from) {
  std::vector<std::string> known;
  for (const ast::AliasedRelation* relation : from) {
    if (relation->source.has_value()) {
      known.push_back(relation->source->value);
    }
    if (relation->alias.has_value()) {
      known.push_back(relation->alias->value);
    }
  }
  std::vector<const ast::Expression*> expressions;
  for (const ast::SelectItem& item : query.select_items) {
    if (item.expression.has_value()) {
      expressions.push_back(&*item.expression);
    }
  }
  for (const ast::Join& join : query.joins) {
    expressions.push_back(&join.condition);
  }
  for (const auto* clause : {&query.where, &query.having}) {
    if (clause->has_value()) {
      expressions.push_back(&**clause);
    }
  }
  for (const auto* list : {&query.group_by, &query.partition_by}) {
    if (list->has_value()) {
      for (const ast::Expression& expression : **list) {
        expressions.push_back(&expression);
      }
    }
  }
  for (const ast::Expression* expression : expressions) {
    CheckQualifiers(*expression, known);
  }
}

const SourceDescription& FindJoinSource(const Catalog& catalog,
                                        const ast::AliasedRelation& relation) {
  if (!relation.source.has_value()) {
    Fail("Window table functions are not supported in joins", relation.span);
  }
  const ast::Identifier& name = *relation.source;
  if (const SourceDescription* source = catalog.FindSource(name.value)) {
    return *source;
  }
  std::string message = name.value + " does not exist.";
  if (const std::string suggestion = catalog.SuggestSource(name.value); !suggestion.empty()) {
    message += " Did you mean " + suggestion + "?";
  }
  throw Error(ErrorKind::kBinding, message, name.span);
}

void RejectKafkaValueFormat(const std::vector<const SourceDescription*>& sources,
                            const SourceSpan& span) {
  std::string names;
  for (const SourceDescription* source : sources) {
    if (source->value_format.kind == FormatKind::kKafka) {
      names += (names.empty() ? "" : ", ") + source->name;
    }
  }
  if (!names.empty()) {
    Fail("Source(s) " + names +
             " are using the 'KAFKA' value format. This format does not yet support JOIN.",
         span);
  }
}

const ast::Comparison& EqualityCondition(const ast::Expression& condition) {
  const auto is_equality = [](const ast::Expression& expression) {
    const auto* comparison = expression.As<ast::Comparison>();
    return comparison != nullptr && comparison->op == ast::ComparisonOperator::kEqual;
  };
  if (const auto* comparison = condition.As<ast::Comparison>()) {
    if (comparison->op != ast::ComparisonOperator::kEqual) {
      Fail("Only equality join criteria is supported.", condition.span);
    }
    return *comparison;
  }
  if (const auto* logical = condition.As<ast::LogicalBinary>()) {
    if (is_equality(*logical->left) && is_equality(*logical->right)) {
      Fail("Invalid join condition: joins on multiple conditions are not yet supported. Got " +
               JoinExpressionText(condition) + ".",
           condition.span);
    }
  }
  Fail("Unsupported join expression: " + JoinExpressionText(condition), condition.span);
}

std::string JoinExpressionText(const ast::Expression& expression) {
  if (const auto* comparison = expression.As<ast::Comparison>()) {
    return "(" + JoinExpressionText(*comparison->left) + " = " +
           JoinExpressionText(*comparison->right) + ")";
  }
  if (const auto* logical = expression.As<ast::LogicalBinary>()) {
    return "(" + JoinExpressionText(*logical->left) +
           (logical->op == ast::LogicalOperator::kAnd ? " AND " : " OR ") +
           JoinExpressionText(*logical->right) + ")";
  }
  if (expression.Is<ast::NullLiteral>()) {
    return "null";
  }
  return parser::FormatExpression(expression);
}

void RejectWindowedSources(const SourceDescription& left,
                           const std::string& left_alias,
                           const SourceDescription& right,
                           const std::string& right_alias,
                           bool key_to_key,
                           const SourceSpan& span) {
  if (left.window.has_value() != right.window.has_value()) {
    const auto windowed = [](const SourceDescription& source) {
      return source.window.has_value() ? WindowTypeText(source.window->type) : "not";
    };
    Fail("Can not join windowed source to non-windowed source.\n`" + left_alias + "` is " +
             windowed(left) + " windowed\n`" + right_alias + "` is " + windowed(right) +
             " windowed",
         span);
  }
  if (!left.window.has_value()) {
    return;
  }
  const bool left_session = left.window->type == WindowType::kSession;
  const bool right_session = right.window->type == WindowType::kSession;
  if (left_session != right_session) {
    Fail("Incompatible windowed sources.\nLeft source: " + WindowTypeText(left.window->type) +
             "\nRight source: " + WindowTypeText(right.window->type) +
             "\nSession windowed sources can only be joined to other session windowed sources, "
             "and may still not result in expected behaviour as session bounds must be an exact "
             "match for the join to work\nHopping and tumbling windowed sources can only be "
             "joined to other hopping and tumbling windowed sources",
         span);
  }
  if (!key_to_key || left.window->size_ms != right.window->size_ms) {
    Fail(
        "Implicit repartitioning of windowed sources is not supported. See "
        "https://github.com/confluentinc/ksql/issues/4385.",
        span);
  }
}

JoinKind CheckJoinKind(JoinType type,
                       bool left_is_table,
                       bool right_is_table,
                       const JoinSides& sides,
                       const ast::Join& join) {
  JoinKind kind = JoinKind::kStreamStream;
  if (left_is_table && !right_is_table) {
    Fail(
        "Invalid join order: table-stream joins are not supported; only stream-table joins. "
        "Got " +
            JoinText(sides, type) + ".",
        join.span);
  }
  if (!left_is_table && right_is_table) {
    kind = JoinKind::kStreamTable;
    if (type == JoinType::kFull || type == JoinType::kRight) {
      Fail(std::string("Invalid join type: ") + (type == JoinType::kFull ? "full-outer" : "right") +
               " join not supported for stream-table join. Got " + JoinText(sides, type) + ".",
           join.span);
    }
    if (!sides.right_is_primary_key) {
      Fail(
          "Invalid join condition: stream-table joins require to join on the table's primary "
          "key. Got " +
              ConditionText(sides) + ".",
          join.condition.span);
    }
  }
  if (left_is_table && right_is_table) {
    kind = JoinKind::kTableTable;
    if (!sides.right_is_primary_key) {
      Fail(
          "Invalid join condition: table-table joins require to join on the primary key of "
          "the right input table. Got " +
              ConditionText(sides) + ".",
          join.condition.span);
    }
    if (!sides.left_is_primary_key) {
      Fail("Foreign-key table-table joins are not supported yet. Got " + ConditionText(sides) + ".",
           join.condition.span);
    }
  }
  if (kind == JoinKind::kStreamStream && !join.within.has_value()) {
    Fail(
        "Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn "
        "about how to specify a WITHIN clause with a stream-stream join, please visit: "
        "https://docs.confluent.io/current/ksql/docs/syntax-reference.html"
        "#create-stream-as-select",
        join.span);
  }
  if (kind == JoinKind::kStreamTable && join.within.has_value()) {
    Fail(
        "A window definition was provided for a Stream-Table join. These joins are not "
        "windowed. Please drop the window definition (ie. the WITHIN clause) and try to "
        "execute your join again.",
        join.within->span);
  }
  if (kind == JoinKind::kTableTable && join.within.has_value()) {
    Fail(
        "A window definition was provided for a Table-Table join. These joins are not "
        "windowed. Please drop the window definition (i.e. the WITHIN clause) and try to "
        "execute your Table-Table join again.",
        join.within->span);
  }
  return kind;
}

void CheckKeyTypes(JoinKind kind,
                   const SqlTypePtr& left,
                   const SqlTypePtr& right,
                   const JoinSides& sides,
                   const ast::Join& join) {
  if (SameType(left, right)) {
    return;
  }
  const auto text = [](const SqlTypePtr& type) { return type ? type->ToString() : "NULL"; };
  if (kind == JoinKind::kTableTable) {
    const ast::Expression& first = sides.flipped ? *sides.right : *sides.left;
    const ast::Expression& second = sides.flipped ? *sides.left : *sides.right;
    Fail("Invalid join condition: types don't match. Got " + parser::FormatExpression(first) + "{" +
             text(sides.flipped ? right : left) + "} = " + parser::FormatExpression(second) + "{" +
             text(sides.flipped ? left : right) + "}.",
         join.condition.span);
  }
  Fail("Invalid join. Key types differ: " + text(left) + " vs " + text(right), join.condition.span);
}

void RejectMapKey(const std::string& key_name, const SqlTypePtr& type, const SourceSpan& span) {
  if (type && HoldsMap(*type)) {
    Fail(
        "Map keys, including types that contain maps, are not supported as they may lead to "
        "unexpected behavior due to inconsistent serialization. Key column name: `" +
            key_name + "`. Column type: " + type->ToString() +
            ". See https://github.com/confluentinc/ksql/issues/6621 for more.",
        span);
  }
}

}  // namespace fluxo::planner
