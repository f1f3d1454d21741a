#include "runtime/expr/bound_expression.h"

#include <utility>

namespace fluxo::expr {

namespace {

const char* ArithmeticText(ArithmeticOperator op) {
  switch (op) {
    case ArithmeticOperator::kAdd:
      return " + ";
    case ArithmeticOperator::kSubtract:
      return " - ";
    case ArithmeticOperator::kMultiply:
      return " * ";
    case ArithmeticOperator::kDivide:
      return " / ";
    case ArithmeticOperator::kModulus:
      return " % ";
  }
  return " ? ";
}

const char* ComparisonText(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::kEqual:
      return " = ";
    case ComparisonOperator::kNotEqual:
      return " <> ";
    case ComparisonOperator::kLess:
      return " < ";
    case ComparisonOperator::kLessOrEqual:
      return " <= ";
    case ComparisonOperator::kGreater:
      return " > ";
    case ComparisonOperator::kGreaterOrEqual:
      return " >= ";
    case ComparisonOperator::kIsDistinctFrom:
      return " IS DISTINCT FROM ";
    case ComparisonOperator::kIsNotDistinctFrom:
      return " IS NOT DISTINCT FROM ";
  }
  return " ? ";
}

std::string JoinChildren(const BoundExpression& node, const char* separator) {
  std::string text;
  for (size_t i = 0; i < node.children.size(); ++i) {
    text += (i > 0 ? separator : "") + node.children[i]->ToString();
  }
  return text;
}

}  // namespace

std::string BoundExpression::ToString() const {
  switch (kind) {
    case BoundKind::kLiteral:
      return value.DebugString() + ":" + (type ? type->ToString() : "NULL");
    case BoundKind::kColumn:
      return "#" + std::to_string(index);
    case BoundKind::kPseudocolumn:
      switch (pseudocolumn) {
        case Pseudocolumn::kRowtime:
          return "ROWTIME";
        case Pseudocolumn::kRowpartition:
          return "ROWPARTITION";
        case Pseudocolumn::kRowoffset:
          return "ROWOFFSET";
        case Pseudocolumn::kWindowStart:
          return "WINDOWSTART";
        case Pseudocolumn::kWindowEnd:
          return "WINDOWEND";
      }
      return "?";
    case BoundKind::kCast:
      return "CAST(" + children[0]->ToString() + " AS " + type->ToString() + ")";
    case BoundKind::kArithmetic:
      return "(" + children[0]->ToString() + ArithmeticText(arithmetic) + children[1]->ToString() +
             ")";
    case BoundKind::kNegate:
      return "-(" + children[0]->ToString() + ")";
    case BoundKind::kComparison:
      return "(" + children[0]->ToString() + ComparisonText(comparison) + children[1]->ToString() +
             ")";
    case BoundKind::kAnd:
      return "(" + JoinChildren(*this, " AND ") + ")";
    case BoundKind::kOr:
      return "(" + JoinChildren(*this, " OR ") + ")";
    case BoundKind::kNot:
      return "NOT " + children[0]->ToString();
    case BoundKind::kIsNull:
      return "(" + children[0]->ToString() + (negated ? " IS NOT NULL)" : " IS NULL)");
    case BoundKind::kInList:
      return "(" + JoinChildren(*this, ", ") + (negated ? ": NOT IN)" : ": IN)");
    case BoundKind::kLike:
      return "(" + children[0]->ToString() + (negated ? " NOT LIKE " : " LIKE ") +
             children[1]->ToString() + ")";
    case BoundKind::kCase:
      return "CASE(" + JoinChildren(*this, ", ") + ")";
    case BoundKind::kFunction:
      return (function ? function->name : std::string("?")) + "(" + JoinChildren(*this, ", ") + ")";
    case BoundKind::kField:
      return children[0]->ToString() + "->" + type->ToString() + "#" + std::to_string(index);
    case BoundKind::kSubscript:
      return children[0]->ToString() + "[" + children[1]->ToString() + "]";
    case BoundKind::kArray:
      return "ARRAY[" + JoinChildren(*this, ", ") + "]";
    case BoundKind::kMap:
      return "MAP(" + JoinChildren(*this, ", ") + ")";
    case BoundKind::kStruct:
      return "STRUCT(" + JoinChildren(*this, ", ") + ")";
  }
  return "?";
}

BoundExpressionPtr MakeBound(BoundExpression node) {
  return std::make_shared<const BoundExpression>(std::move(node));
}

void CountColumnReads(const BoundExpression& expression, std::vector<size_t>& reads) {
  if (expression.kind == BoundKind::kColumn) {
    if (expression.index >= reads.size()) {
      reads.resize(expression.index + 1);
    }
    ++reads[expression.index];
  }
  for (const BoundExpressionPtr& child : expression.children) {
    CountColumnReads(*child, reads);
  }
}

}  // namespace fluxo::expr
