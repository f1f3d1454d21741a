#include "planner/binder/expression_binder.h"

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "parser/sql_formatter.h"
#include "planner/binder/data_type_binder.h"
#include "planner/binder/literal_binder.h"
#include "runtime/core/error.h"
#include "runtime/expr/cast.h"
#include "runtime/expr/comparison.h"

namespace fluxo::planner {

namespace {

using expr::BoundExpression;
using expr::BoundExpressionPtr;
using expr::BoundKind;
using expr::MakeBound;

[[noreturn]] void TypeError(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kType, message, span);
}

std::string TypeName(const SqlTypePtr& type) {
  return type ? type->ToString() : "NULL";
}

BoundExpressionPtr Node(BoundKind kind, SqlTypePtr type, std::vector<BoundExpressionPtr> children) {
  BoundExpression node;
  node.kind = kind;
  node.type = std::move(type);
  node.children = std::move(children);
  return MakeBound(std::move(node));
}

expr::ComparisonOperator ToComparison(ast::ComparisonOperator op) {
  switch (op) {
    case ast::ComparisonOperator::kEqual:
      return expr::ComparisonOperator::kEqual;
    case ast::ComparisonOperator::kNotEqual:
      return expr::ComparisonOperator::kNotEqual;
    case ast::ComparisonOperator::kLess:
      return expr::ComparisonOperator::kLess;
    case ast::ComparisonOperator::kLessOrEqual:
      return expr::ComparisonOperator::kLessOrEqual;
    case ast::ComparisonOperator::kGreater:
      return expr::ComparisonOperator::kGreater;
    case ast::ComparisonOperator::kGreaterOrEqual:
      return expr::ComparisonOperator::kGreaterOrEqual;
    case ast::ComparisonOperator::kIsDistinctFrom:
      return expr::ComparisonOperator::kIsDistinctFrom;
    case ast::ComparisonOperator::kIsNotDistinctFrom:
      return expr::ComparisonOperator::kIsNotDistinctFrom;
  }
  return expr::ComparisonOperator::kEqual;
}

expr::ArithmeticOperator ToArithmetic(ast::BinaryOperator op) {
  switch (op) {
    case ast::BinaryOperator::kAdd:
    case ast::BinaryOperator::kConcat:  // Bound as CONCAT before this is asked.
      return expr::ArithmeticOperator::kAdd;
    case ast::BinaryOperator::kSubtract:
      return expr::ArithmeticOperator::kSubtract;
    case ast::BinaryOperator::kMultiply:
      return expr::ArithmeticOperator::kMultiply;
    case ast::BinaryOperator::kDivide:
      return expr::ArithmeticOperator::kDivide;
    case ast::BinaryOperator::kModulus:
      return expr::ArithmeticOperator::kModulus;
  }
  return expr::ArithmeticOperator::kAdd;
}

const char* ComparisonName(expr::ComparisonOperator op) {
  switch (op) {
    case expr::ComparisonOperator::kEqual:
      return "EQUAL";
    case expr::ComparisonOperator::kNotEqual:
      return "NOT_EQUAL";
    case expr::ComparisonOperator::kLess:
      return "LESS_THAN";
    case expr::ComparisonOperator::kLessOrEqual:
      return "LESS_THAN_OR_EQUAL";
    case expr::ComparisonOperator::kGreater:
      return "GREATER_THAN";
    case expr::ComparisonOperator::kGreaterOrEqual:
      return "GREATER_THAN_OR_EQUAL";
    case expr::ComparisonOperator::kIsDistinctFrom:
      return "IS_DISTINCT_FROM";
    case expr::ComparisonOperator::kIsNotDistinctFrom:
      return "IS_NOT_DISTINCT_FROM";
  }
  return "?";
}

bool IsOrdering(expr::ComparisonOperator op) {
  return op == expr::ComparisonOperator::kLess || op == expr::ComparisonOperator::kLessOrEqual ||
         op == expr::ComparisonOperator::kGreater ||
         op == expr::ComparisonOperator::kGreaterOrEqual;
}

void RequireBoolean(const BoundExpressionPtr& operand,
                    const char* context,
                    const SourceSpan& span) {
  if (operand->type && operand->type->kind() != TypeKind::kBoolean) {
    TypeError(std::string(context) + " requires a BOOLEAN operand, got " + TypeName(operand->type),
              span);
  }
}

// Binds the nodes of one expression tree; a visitor over the AST variant.
class Binding {
 public:
  Binding(const ExpressionScope& scope,
          const Catalog& catalog,
          const functions::FunctionRegistry& functions)
      : scope_(scope), catalog_(catalog), functions_(functions) {}

  BoundExpressionPtr Bind(const ast::Expression& expression) {
    span_ = expression.span;
    const SourceSpan span = expression.span;
    for (const ExpressionScope::Replacement& replacement : scope_.replacements) {
      if (*replacement.expression == expression) {
        BoundExpressionPtr column = BindScopeColumn(replacement.index);
        if (replacement.type) {
          BoundExpression retyped = *column;
          retyped.type = replacement.type;
          return MakeBound(std::move(retyped));
        }
        return column;
      }
    }
    BoundExpressionPtr bound =
        std::visit([&](const auto& node) { return BindNode(node, span); }, expression.node);
    return bound;
  }

 private:
  // ---- literals and names

  BoundExpressionPtr BindNode(const ast::NullLiteral&, const SourceSpan&) {
    BoundExpression node;
    node.kind = BoundKind::kLiteral;
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::BooleanLiteral& literal, const SourceSpan&) {
    return MakeLiteral(Value::Boolean(literal.value), SqlType::Boolean());
  }

  BoundExpressionPtr BindNode(const ast::IntegerLiteral& literal, const SourceSpan&) {
    return BindIntegerLiteral(literal.value);
  }

  BoundExpressionPtr BindNode(const ast::DecimalLiteral& literal, const SourceSpan& span) {
    return BindDecimalLiteral(literal.text, span);
  }

  BoundExpressionPtr BindNode(const ast::DoubleLiteral& literal, const SourceSpan&) {
    return MakeLiteral(Value::Double(literal.value), SqlType::Double());
  }

  BoundExpressionPtr BindNode(const ast::StringLiteral& literal, const SourceSpan&) {
    return MakeLiteral(Value::String(literal.value), SqlType::String());
  }

  BoundExpressionPtr BindNode(const ast::TypedLiteral& literal, const SourceSpan& span) {
    return BindTypedLiteral(literal.type_name.value, literal.value, span);
  }

  BoundExpressionPtr BindNode(const ast::IntervalLiteral&, const SourceSpan& span) {
    TypeError(
        "An INTERVAL can only be used in a window: GROUP BY TUMBLE(ts, INTERVAL ...), "
        "a WATERMARK, or a window table function",
        span);
  }

  BoundExpressionPtr BindNode(const ast::VariableReference& variable, const SourceSpan& span) {
    throw Error(ErrorKind::kBinding, "Variable ${" + variable.name + "} is not defined", span);
  }

  BoundExpressionPtr BindNode(const ast::ColumnReference& reference, const SourceSpan& span) {
    std::optional<std::string> source;
    if (reference.qualifier.has_value()) {
      source = reference.qualifier->value;
    }
    const std::string& name = reference.name.value;
    if (!source.has_value() && scope_.allow_pseudocolumns &&
        scope_.Find(source, name, span) == nullptr) {
      if (auto pseudocolumn = BindPseudocolumn(name)) {
        return pseudocolumn;
      }
    }
    const ScopeColumn* column = scope_.Resolve(source, name, span);
    BoundExpression node;
    node.kind = BoundKind::kColumn;
    node.type = column->type;
    node.index = column->index;
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindScopeColumn(size_t index) const {
    for (const ScopeColumn& column : scope_.columns) {
      if (column.index == index) {
        BoundExpression node;
        node.kind = BoundKind::kColumn;
        node.type = column.type;
        node.index = column.index;
        return MakeBound(std::move(node));
      }
    }
    throw Error(ErrorKind::kInternal, "replacement names no column of the scope", span_);
  }

  BoundExpressionPtr BindPseudocolumn(const std::string& name) const {
    BoundExpression node;
    node.kind = BoundKind::kPseudocolumn;
    if (name == "ROWTIME") {
      node.pseudocolumn = expr::Pseudocolumn::kRowtime;
      node.type = SqlType::Bigint();
    } else if (name == "ROWPARTITION") {
      node.pseudocolumn = expr::Pseudocolumn::kRowpartition;
      node.type = SqlType::Int();
    } else if (name == "ROWOFFSET") {
      node.pseudocolumn = expr::Pseudocolumn::kRowoffset;
      node.type = SqlType::Bigint();
    } else if (scope_.windowed && (name == "WINDOWSTART" || name == "WINDOWEND")) {
      node.pseudocolumn =
          name == "WINDOWSTART" ? expr::Pseudocolumn::kWindowStart : expr::Pseudocolumn::kWindowEnd;
      node.type = SqlType::Bigint();
    } else {
      return nullptr;
    }
    return MakeBound(std::move(node));
  }

  // ---- operators

  BoundExpressionPtr BindNode(const ast::ArithmeticUnary& unary, const SourceSpan& span) {
    BoundExpressionPtr operand = Bind(*unary.operand);
    if (operand->type && !operand->type->IsNumeric()) {
      TypeError("Unary " + std::string(unary.op == ast::UnaryOperator::kMinus ? "minus" : "plus") +
                    " needs a numeric operand, got " + TypeName(operand->type),
                span);
    }
    if (unary.op == ast::UnaryOperator::kPlus) {
      return operand;
    }
    return Node(BoundKind::kNegate, operand->type, {operand});
  }

  BoundExpressionPtr BindNode(const ast::ArithmeticBinary& binary, const SourceSpan& span) {
    BoundExpressionPtr left = Bind(*binary.left);
    BoundExpressionPtr right = Bind(*binary.right);
    if (binary.op == ast::BinaryOperator::kConcat) {
      return BindFunction("CONCAT", {left, right}, span);
    }
    const expr::ArithmeticOperator op = ToArithmetic(binary.op);
    // A NULL operand takes the other side's type.
    const SqlTypePtr left_type = left->type ? left->type : right->type;
    const SqlTypePtr right_type = right->type ? right->type : left->type;
    if (!left_type) {
      return left;  // NULL op NULL is NULL, untyped.
    }
    SqlTypePtr result = expr::ArithmeticResultType(op, *left_type, *right_type);
    if (!result) {
      TypeError(
          "Unsupported arithmetic types: " + TypeName(left_type) + " and " + TypeName(right_type),
          span);
    }
    BoundExpression node;
    node.kind = BoundKind::kArithmetic;
    node.arithmetic = op;
    node.type = result;
    // Each operand is cast to its operand type: the result type, except that DECIMAL operands
    // keep their own precision and scale (ArithmeticOperandType).
    node.children = {CastTo(left, expr::ArithmeticOperandType(*left_type, *result)),
                     CastTo(right, expr::ArithmeticOperandType(*right_type, *result))};
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::Comparison& comparison, const SourceSpan& span) {
    const bool distinct_form = comparison.op == ast::ComparisonOperator::kIsDistinctFrom ||
                               comparison.op == ast::ComparisonOperator::kIsNotDistinctFrom;
    if (!distinct_form &&
        (comparison.left->Is<ast::NullLiteral>() || comparison.right->Is<ast::NullLiteral>())) {
      ast::Expression whole;
      whole.node = comparison;
      TypeError("Comparison with NULL not supported: " + parser::FormatExpression(whole), span);
    }
    return BindComparison(ToComparison(comparison.op),
                          Bind(*comparison.left),
                          Bind(*comparison.right),
                          span,
                          &comparison);
  }

  BoundExpressionPtr BindComparison(expr::ComparisonOperator op,
                                    BoundExpressionPtr left,
                                    BoundExpressionPtr right,
                                    const SourceSpan& span,
                                    const ast::Comparison* written = nullptr) {
    const SqlTypePtr left_type = left->type ? left->type : right->type;
    const SqlTypePtr right_type = right->type ? right->type : left->type;
    SqlTypePtr operand_type = left_type;
    if (left_type) {
      operand_type = expr::ComparisonType(*left_type, *right_type, IsOrdering(op));
      if (!operand_type) {
        // ksqlDB's wording: "Cannot compare B (ARRAY<INTEGER>) to C (ARRAY<INTEGER>) with
        // LESS_THAN."
        const std::string left_text =
            written != nullptr ? parser::FormatExpression(*written->left) + " " : "";
        const std::string right_text =
            written != nullptr ? parser::FormatExpression(*written->right) + " " : "";
        TypeError("Cannot compare " + left_text + "(" + TypeName(left_type) + ") to " + right_text +
                      "(" + TypeName(right_type) + ") with " + ComparisonName(op) + ".",
                  span);
      }
    }
    BoundExpression node;
    node.kind = BoundKind::kComparison;
    node.comparison = op;
    node.type = SqlType::Boolean();
    node.operand_type = operand_type ? operand_type : SqlType::Boolean();
    node.children = {CastTo(left, operand_type), CastTo(right, operand_type)};
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::LogicalBinary& logical, const SourceSpan& span) {
    BoundExpressionPtr left = Bind(*logical.left);
    BoundExpressionPtr right = Bind(*logical.right);
    const char* name = logical.op == ast::LogicalOperator::kAnd ? "AND" : "OR";
    RequireBoolean(left, name, span);
    RequireBoolean(right, name, span);
    return Node(logical.op == ast::LogicalOperator::kAnd ? BoundKind::kAnd : BoundKind::kOr,
                SqlType::Boolean(),
                {CastTo(left, SqlType::Boolean()), CastTo(right, SqlType::Boolean())});
  }

  BoundExpressionPtr BindNode(const ast::Not& negation, const SourceSpan& span) {
    BoundExpressionPtr operand = Bind(*negation.operand);
    RequireBoolean(operand, "NOT", span);
    return Node(BoundKind::kNot, SqlType::Boolean(), {CastTo(operand, SqlType::Boolean())});
  }

  BoundExpressionPtr BindNode(const ast::Between& between, const SourceSpan& span) {
    // value BETWEEN low AND high  ==  value >= low AND value <= high (value bound once).
    BoundExpressionPtr value = Bind(*between.value);
    BoundExpressionPtr lower =
        BindComparison(expr::ComparisonOperator::kGreaterOrEqual, value, Bind(*between.low), span);
    BoundExpressionPtr upper =
        BindComparison(expr::ComparisonOperator::kLessOrEqual, value, Bind(*between.high), span);
    BoundExpressionPtr both = Node(BoundKind::kAnd, SqlType::Boolean(), {lower, upper});
    return between.negated ? Node(BoundKind::kNot, SqlType::Boolean(), {both}) : both;
  }

  BoundExpressionPtr BindNode(const ast::InList& in_list, const SourceSpan& span) {
    std::vector<BoundExpressionPtr> operands{Bind(*in_list.value)};
    std::vector<SqlTypePtr> types{operands[0]->type};
    for (const ast::Expression& element : in_list.list) {
      operands.push_back(Bind(element));
      types.push_back(operands.back()->type);
    }
    const auto common = expr::CommonType(types);
    if (!common.has_value()) {
      TypeError("The values of IN (...) do not share a type with " + TypeName(types[0]), span);
    }
    for (BoundExpressionPtr& operand : operands) {
      operand = CastTo(operand, *common);
    }
    BoundExpression node;
    node.kind = BoundKind::kInList;
    node.type = SqlType::Boolean();
    node.operand_type = *common ? *common : SqlType::String();
    node.negated = in_list.negated;
    node.children = std::move(operands);
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::Like& like, const SourceSpan& span) {
    BoundExpressionPtr value = Bind(*like.value);
    BoundExpressionPtr pattern = Bind(*like.pattern);
    for (const BoundExpressionPtr& operand : {value, pattern}) {
      if (operand->type && operand->type->kind() != TypeKind::kString) {
        TypeError("LIKE needs STRING operands, got " + TypeName(operand->type), span);
      }
    }
    if (like.escape.has_value() && like.escape->size() != 1) {
      TypeError("The ESCAPE of LIKE must be one character", span);
    }
    BoundExpression node;
    node.kind = BoundKind::kLike;
    node.type = SqlType::Boolean();
    node.negated = like.negated;
    if (like.escape.has_value()) {
      node.escape = (*like.escape)[0];
    }
    node.children = {CastTo(value, SqlType::String()), CastTo(pattern, SqlType::String())};
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::IsNull& is_null, const SourceSpan&) {
    BoundExpression node;
    node.kind = BoundKind::kIsNull;
    node.type = SqlType::Boolean();
    node.negated = is_null.negated;
    node.children = {Bind(*is_null.value)};
    return MakeBound(std::move(node));
  }

  // ---- conditionals, casts, functions

  BoundExpressionPtr BindNode(const ast::SearchedCase& searched, const SourceSpan& span) {
    std::vector<BoundExpressionPtr> conditions;
    for (const ast::WhenClause& clause : searched.when_clauses) {
      BoundExpressionPtr condition = Bind(*clause.condition);
      RequireBoolean(condition, "WHEN", clause.span);
      conditions.push_back(CastTo(condition, SqlType::Boolean()));
    }
    return BindCase(std::move(conditions), searched.when_clauses, searched.else_value, span);
  }

  BoundExpressionPtr BindNode(const ast::SimpleCase& simple, const SourceSpan& span) {
    BoundExpressionPtr operand = Bind(*simple.operand);
    std::vector<BoundExpressionPtr> conditions;
    for (const ast::WhenClause& clause : simple.when_clauses) {
      conditions.push_back(BindComparison(
          expr::ComparisonOperator::kEqual, operand, Bind(*clause.condition), clause.span));
    }
    return BindCase(std::move(conditions), simple.when_clauses, simple.else_value, span);
  }

  BoundExpressionPtr BindCase(std::vector<BoundExpressionPtr> conditions,
                              const std::vector<ast::WhenClause>& clauses,
                              const std::optional<ast::Box<ast::Expression>>& else_value,
                              const SourceSpan& span) {
    std::vector<BoundExpressionPtr> results;
    std::vector<SqlTypePtr> types;
    for (const ast::WhenClause& clause : clauses) {
      results.push_back(Bind(*clause.result));
      types.push_back(results.back()->type);
    }
    BoundExpressionPtr otherwise;
    if (else_value.has_value()) {
      otherwise = Bind(**else_value);
      types.push_back(otherwise->type);
    }
    // ksqlDB's CASE does not widen: every THEN and ELSE has the same type (or is NULL).
    SqlTypePtr result_type;
    for (const SqlTypePtr& type : types) {
      if (!type) {
        continue;
      }
      if (result_type && !SameType(result_type, type)) {
        TypeError(
            "Invalid Case expression. Type for all 'THEN' clauses should be the same. "
            "Found " +
                result_type->ToString() + " and " + type->ToString(),
            span);
      }
      result_type = type;
    }
    if (!result_type) {
      TypeError("Invalid Case expression. All case branches have NULL type", span);
    }
    const std::optional<SqlTypePtr> common = result_type;
    std::vector<BoundExpressionPtr> children;
    for (size_t i = 0; i < conditions.size(); ++i) {
      children.push_back(conditions[i]);
      children.push_back(CastTo(results[i], *common));
    }
    if (otherwise) {
      children.push_back(CastTo(otherwise, *common));
    }
    return Node(BoundKind::kCase, *common, std::move(children));
  }

  BoundExpressionPtr BindNode(const ast::Cast& cast, const SourceSpan& span) {
    BoundExpressionPtr value = Bind(*cast.value);
    SqlTypePtr target = BindDataType(cast.type, catalog_);
    if (value->type && !expr::CanCast(*value->type, *target)) {
      TypeError(
          "Cast of " + TypeName(value->type) + " to " + target->ToString() + " is not supported",
          span);
    }
    return CastTo(value, target);
  }

  BoundExpressionPtr BindNode(const ast::FunctionCall& call, const SourceSpan& span) {
    if (call.star || call.distinct) {
      TypeError("Aggregate function " + call.name.value + " needs a GROUP BY query", span);
    }
    std::vector<BoundExpressionPtr> arguments;
    for (const ast::Expression& argument : call.arguments) {
      arguments.push_back(Bind(argument));
    }
    return BindFunction(call.name.value, std::move(arguments), span);
  }

  BoundExpressionPtr BindFunction(const std::string& name,
                                  std::vector<BoundExpressionPtr> arguments,
                                  const SourceSpan& span) {
    std::vector<SqlTypePtr> types;
    for (const BoundExpressionPtr& argument : arguments) {
      types.push_back(argument->type);
    }
    if (!functions_.Contains(name)) {
      throw Error(
          ErrorKind::kBinding, "Can't find any functions with the name '" + name + "'", span);
    }
    auto resolved = functions_.Resolve(name, types);
    if (!resolved.has_value()) {
      std::string list;
      for (size_t i = 0; i < types.size(); ++i) {
        list += (i > 0 ? ", " : "") + TypeName(types[i]);
      }
      TypeError("Function '" + name + "' does not accept parameters (" + list + ")", span);
    }
    for (size_t i = 0; i < arguments.size(); ++i) {
      arguments[i] = CastTo(arguments[i], resolved->parameter_types[i]);
    }
    BoundExpression node;
    node.kind = BoundKind::kFunction;
    node.type = resolved->return_type;
    node.function = std::make_shared<const functions::ResolvedScalarFunction>(std::move(*resolved));
    node.children = std::move(arguments);
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::TimeUnitArgument&, const SourceSpan& span) {
    TypeError("A time unit can only be an argument of a date/time function", span);
  }

  BoundExpressionPtr BindNode(const ast::Lambda&, const SourceSpan& span) {
    TypeError("Lambda functions are not supported yet", span);
  }

  // ---- structured values

  BoundExpressionPtr BindNode(const ast::Dereference& dereference, const SourceSpan& span) {
    BoundExpressionPtr base = Bind(*dereference.base);
    if (!base->type || base->type->kind() != TypeKind::kStruct) {
      TypeError("Can't dereference " + dereference.field.value + ": " + TypeName(base->type) +
                    " is not a STRUCT",
                span);
    }
    const int field = base->type->FieldIndex(dereference.field.value);
    if (field < 0) {
      throw Error(ErrorKind::kBinding,
                  "Could not find field '" + dereference.field.value + "' in '" +
                      base->type->ToString() + "'",
                  dereference.field.span);
    }
    BoundExpression node;
    node.kind = BoundKind::kField;
    node.type = base->type->fields()[static_cast<size_t>(field)].type;
    node.index = static_cast<size_t>(field);
    node.children = {base};
    return MakeBound(std::move(node));
  }

  BoundExpressionPtr BindNode(const ast::Subscript& subscript, const SourceSpan& span) {
    BoundExpressionPtr base = Bind(*subscript.base);
    BoundExpressionPtr index = Bind(*subscript.index);
    if (base->type && base->type->kind() == TypeKind::kArray) {
      if (index->type && index->type->kind() != TypeKind::kInt &&
          index->type->kind() != TypeKind::kBigint) {
        TypeError("An ARRAY subscript must be an INT, got " + TypeName(index->type), span);
      }
      return Node(BoundKind::kSubscript, base->type->element(), {base, index});
    }
    if (base->type && base->type->kind() == TypeKind::kMap) {
      return Node(
          BoundKind::kSubscript, base->type->element(), {base, CastTo(index, base->type->key())});
    }
    TypeError("Only an ARRAY or a MAP can be subscripted, not " + TypeName(base->type), span);
  }

  BoundExpressionPtr BindNode(const ast::ArrayConstructor& array, const SourceSpan& span) {
    std::vector<BoundExpressionPtr> elements;
    std::vector<SqlTypePtr> types;
    for (const ast::Expression& element : array.elements) {
      elements.push_back(Bind(element));
      types.push_back(elements.back()->type);
    }
    const auto common = expr::CommonType(types);
    if (!common.has_value() || !*common) {
      TypeError("The elements of ARRAY[...] need one type they all convert to", span);
    }
    for (BoundExpressionPtr& element : elements) {
      element = CastTo(element, *common);
    }
    return Node(BoundKind::kArray, SqlType::Array(*common), std::move(elements));
  }

  BoundExpressionPtr BindNode(const ast::MapConstructor& map, const SourceSpan& span) {
    std::vector<BoundExpressionPtr> keys;
    std::vector<BoundExpressionPtr> values;
    std::vector<SqlTypePtr> key_types;
    std::vector<SqlTypePtr> value_types;
    for (const ast::MapEntry& entry : map.entries) {
      keys.push_back(Bind(*entry.key));
      values.push_back(Bind(*entry.value));
      key_types.push_back(keys.back()->type);
      value_types.push_back(values.back()->type);
    }
    const auto key_type = expr::CommonType(key_types);
    const auto value_type = expr::CommonType(value_types);
    if (!key_type.has_value() || !*key_type || !value_type.has_value() || !*value_type) {
      TypeError("The keys and the values of MAP(...) each need one type", span);
    }
    std::vector<BoundExpressionPtr> children;
    for (size_t i = 0; i < keys.size(); ++i) {
      children.push_back(CastTo(keys[i], *key_type));
      children.push_back(CastTo(values[i], *value_type));
    }
    return Node(BoundKind::kMap, SqlType::Map(*key_type, *value_type), std::move(children));
  }

  BoundExpressionPtr BindNode(const ast::StructConstructor& structure, const SourceSpan& span) {
    std::vector<StructField> fields;
    std::vector<BoundExpressionPtr> children;
    for (const ast::StructEntry& entry : structure.fields) {
      BoundExpressionPtr value = Bind(*entry.value);
      if (!value->type) {
        TypeError("Field " + entry.name.value +
                      " of STRUCT(...) needs a type: write CAST(NULL AS "
                      "<type>)",
                  span);
      }
      fields.push_back({entry.name.value, value->type});
      children.push_back(value);
    }
    return Node(BoundKind::kStruct, SqlType::Struct(std::move(fields)), std::move(children));
  }

  const ExpressionScope& scope_;
  const Catalog& catalog_;
  const functions::FunctionRegistry& functions_;
  SourceSpan span_;
};

}  // namespace

BoundExpressionPtr CastTo(const BoundExpressionPtr& expression, const SqlTypePtr& type) {
  if (!type || SameType(expression->type, type)) {
    return expression;
  }
  if (!expression->type) {
    BoundExpression node = *expression;  // A NULL literal: give it the type.
    node.type = type;
    return MakeBound(std::move(node));
  }
  return Node(BoundKind::kCast, type, {expression});
}

expr::BoundExpressionPtr ExpressionBinder::Bind(const ast::Expression& expression) const {
  Binding binding(scope_, catalog_, functions_);
  return binding.Bind(expression);
}

expr::BoundExpressionPtr ExpressionBinder::BindCondition(const ast::Expression& expression,
                                                         const char* clause) const {
  BoundExpressionPtr condition = Bind(expression);
  if (condition->type && condition->type->kind() != TypeKind::kBoolean) {
    TypeError(std::string("Type error in ") + clause + ": expected BOOLEAN, got " +
                  TypeName(condition->type),
              expression.span);
  }
  return CastTo(condition, SqlType::Boolean());
}

}  // namespace fluxo::planner
