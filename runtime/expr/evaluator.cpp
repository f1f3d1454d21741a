#include "runtime/expr/evaluator.h"

#include <utility>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/expr/cast.h"
#include "runtime/expr/comparison.h"
#include "runtime/expr/like_matcher.h"

namespace fluxo::expr {

namespace {

using Children = std::vector<EvaluatorPtr>;

Children CompileChildren(const BoundExpression& node) {
  Children children;
  children.reserve(node.children.size());
  for (const BoundExpressionPtr& child : node.children) {
    children.push_back(CompileExpression(child));
  }
  return children;
}

class LiteralEvaluator final : public Evaluator {
 public:
  explicit LiteralEvaluator(Value value) : value_(std::move(value)) {}

  Value Evaluate(const Row&) const override { return value_; }

 private:
  Value value_;
};

class ColumnEvaluator final : public Evaluator {
 public:
  explicit ColumnEvaluator(size_t index) : index_(index) {}

  Value Evaluate(const Row& row) const override { return row.values[index_]; }

 private:
  size_t index_;
};

class PseudocolumnEvaluator final : public Evaluator {
 public:
  explicit PseudocolumnEvaluator(Pseudocolumn column) : column_(column) {}

  Value Evaluate(const Row& row) const override {
    switch (column_) {
      case Pseudocolumn::kRowtime:
        return Value::Int64(row.timestamp);
      case Pseudocolumn::kRowpartition:
        return Value::Int32(row.partition);
      case Pseudocolumn::kRowoffset:
        return Value::Int64(row.offset);
      case Pseudocolumn::kWindowStart:
        return row.window.has_value() ? Value::Int64(row.window->start) : Value();
      case Pseudocolumn::kWindowEnd:
        return row.window.has_value() ? Value::Int64(row.window->end) : Value();
    }
    return Value();
  }

 private:
  Pseudocolumn column_;
};

// ksqlDB's nested error handling (ksql.nested.error.handling, on by default): a CAST, a
// function or field-access argument of a function call, and an element of an ARRAY, MAP or
// STRUCT constructor that fails is NULL where it stands, so COALESCE(PARSE_DATE(bad, ...), x)
// gives x; a failure anywhere else makes the whole expression fail.
class NullOnErrorEvaluator final : public Evaluator {
 public:
  explicit NullOnErrorEvaluator(EvaluatorPtr inner) : inner_(std::move(inner)) {}

  Value Evaluate(const Row& row) const override {
    try {
      return inner_->Evaluate(row);
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::kExecution) {
        throw;
      }
      return Value();
    }
  }

 private:
  EvaluatorPtr inner_;
};

EvaluatorPtr NullOnError(EvaluatorPtr inner) {
  return std::make_unique<NullOnErrorEvaluator>(std::move(inner));
}

// A function's arguments, each function call or field access among them NULL on error.
Children CompileArguments(const BoundExpression& node) {
  Children children;
  children.reserve(node.children.size());
  for (const BoundExpressionPtr& child : node.children) {
    EvaluatorPtr compiled = CompileExpression(child);
    const bool contained = child->kind == BoundKind::kFunction || child->kind == BoundKind::kField;
    children.push_back(contained ? NullOnError(std::move(compiled)) : std::move(compiled));
  }
  return children;
}

// A constructor's elements, each NULL on error.
Children CompileElements(const BoundExpression& node) {
  Children children;
  children.reserve(node.children.size());
  for (const BoundExpressionPtr& child : node.children) {
    children.push_back(NullOnError(CompileExpression(child)));
  }
  return children;
}

class CastEvaluator final : public Evaluator {
 public:
  CastEvaluator(EvaluatorPtr operand, SqlTypePtr from, SqlTypePtr to)
      : operand_(std::move(operand)), from_(std::move(from)), to_(std::move(to)) {}

  Value Evaluate(const Row& row) const override {
    return CastValue(operand_->Evaluate(row), *from_, *to_);
  }

 private:
  EvaluatorPtr operand_;
  SqlTypePtr from_;
  SqlTypePtr to_;
};

// Integer and double arithmetic inline (the hot path of projections such as price * 0.908);
// everything else through EvaluateArithmetic.
class ArithmeticEvaluator final : public Evaluator {
 public:
  ArithmeticEvaluator(ArithmeticOperator op, EvaluatorPtr left, EvaluatorPtr right, SqlTypePtr type)
      : op_(op), left_(std::move(left)), right_(std::move(right)), type_(std::move(type)) {}

  Value Evaluate(const Row& row) const override {
    const Value left = left_->Evaluate(row);
    if (left.IsNull()) {
      return Value();
    }
    const Value right = right_->Evaluate(row);
    if (right.IsNull()) {
      return Value();
    }
    if (type_->kind() == TypeKind::kDouble && op_ != ArithmeticOperator::kModulus) {
      const double a = left.AsDouble();
      const double b = right.AsDouble();
      switch (op_) {
        case ArithmeticOperator::kAdd:
          return Value::Double(a + b);
        case ArithmeticOperator::kSubtract:
          return Value::Double(a - b);
        case ArithmeticOperator::kMultiply:
          return Value::Double(a * b);
        case ArithmeticOperator::kDivide:
          return Value::Double(a / b);
        case ArithmeticOperator::kModulus:
          break;
      }
    }
    return EvaluateArithmetic(op_, left, right, *type_);
  }

 private:
  ArithmeticOperator op_;
  EvaluatorPtr left_;
  EvaluatorPtr right_;
  SqlTypePtr type_;
};

class NegateEvaluator final : public Evaluator {
 public:
  NegateEvaluator(EvaluatorPtr operand, SqlTypePtr type)
      : operand_(std::move(operand)), type_(std::move(type)) {}

  Value Evaluate(const Row& row) const override { return Negate(operand_->Evaluate(row), *type_); }

 private:
  EvaluatorPtr operand_;
  SqlTypePtr type_;
};

bool ComparisonHolds(ComparisonOperator op, int order) {
  switch (op) {
    case ComparisonOperator::kEqual:
    case ComparisonOperator::kIsNotDistinctFrom:
      return order == 0;
    case ComparisonOperator::kNotEqual:
    case ComparisonOperator::kIsDistinctFrom:
      return order != 0;
    case ComparisonOperator::kLess:
      return order < 0;
    case ComparisonOperator::kLessOrEqual:
      return order <= 0;
    case ComparisonOperator::kGreater:
      return order > 0;
    case ComparisonOperator::kGreaterOrEqual:
      return order >= 0;
  }
  return false;
}

// ksqlDB's comparison operators (its generated Java code): a NULL operand makes =, <>, <, ...
// FALSE rather than unknown; IS [NOT] DISTINCT FROM treats NULLs as values. A NaN makes every
// operator FALSE.
class ComparisonEvaluator final : public Evaluator {
 public:
  ComparisonEvaluator(ComparisonOperator op, EvaluatorPtr left, EvaluatorPtr right, SqlTypePtr type)
      : op_(op), left_(std::move(left)), right_(std::move(right)), type_(std::move(type)) {}

  Value Evaluate(const Row& row) const override {
    const Value left = left_->Evaluate(row);
    const Value right = right_->Evaluate(row);
    const bool distinct_form =
        op_ == ComparisonOperator::kIsDistinctFrom || op_ == ComparisonOperator::kIsNotDistinctFrom;
    if (left.IsNull() || right.IsNull()) {
      if (!distinct_form) {
        return Value::Boolean(false);
      }
      const bool both_null = left.IsNull() && right.IsNull();
      return Value::Boolean(op_ == ComparisonOperator::kIsDistinctFrom ? !both_null : both_null);
    }
    const std::optional<int> order = CompareSql(left, right, *type_);
    return Value::Boolean(order.has_value() && ComparisonHolds(op_, *order));
  }

 private:
  ComparisonOperator op_;
  EvaluatorPtr left_;
  EvaluatorPtr right_;
  SqlTypePtr type_;
};

// AND: FALSE wins over NULL; OR: TRUE wins over NULL. Operands are evaluated left to right and
// stop as soon as the result is decided.
class LogicalEvaluator final : public Evaluator {
 public:
  LogicalEvaluator(bool is_and, Children children)
      : is_and_(is_and), children_(std::move(children)) {}

  Value Evaluate(const Row& row) const override {
    bool saw_null = false;
    for (const EvaluatorPtr& child : children_) {
      const Value value = child->Evaluate(row);
      if (value.IsNull()) {
        saw_null = true;
      } else if (value.AsBoolean() != is_and_) {
        return Value::Boolean(!is_and_);
      }
    }
    return saw_null ? Value() : Value::Boolean(is_and_);
  }

 private:
  bool is_and_;
  Children children_;
};

class NotEvaluator final : public Evaluator {
 public:
  explicit NotEvaluator(EvaluatorPtr operand) : operand_(std::move(operand)) {}

  Value Evaluate(const Row& row) const override {
    const Value value = operand_->Evaluate(row);
    return value.IsNull() ? Value() : Value::Boolean(!value.AsBoolean());
  }

 private:
  EvaluatorPtr operand_;
};

class IsNullEvaluator final : public Evaluator {
 public:
  IsNullEvaluator(EvaluatorPtr operand, bool negated)
      : operand_(std::move(operand)), negated_(negated) {}

  Value Evaluate(const Row& row) const override {
    return Value::Boolean(operand_->Evaluate(row).IsNull() != negated_);
  }

 private:
  EvaluatorPtr operand_;
  bool negated_;
};

// x IN (a, b): TRUE if some element equals x; else NULL if x or some element is NULL; else
// FALSE. NOT IN negates that.
class InListEvaluator final : public Evaluator {
 public:
  InListEvaluator(Children children, SqlTypePtr type, bool negated)
      : children_(std::move(children)), type_(std::move(type)), negated_(negated) {}

  Value Evaluate(const Row& row) const override {
    const Value value = children_[0]->Evaluate(row);
    if (value.IsNull()) {
      return Value();
    }
    bool saw_null = false;
    for (size_t i = 1; i < children_.size(); ++i) {
      const Value candidate = children_[i]->Evaluate(row);
      if (candidate.IsNull()) {
        saw_null = true;
      } else if (CompareValues(value, candidate, *type_) == 0) {
        return Value::Boolean(!negated_);
      }
    }
    return saw_null ? Value() : Value::Boolean(negated_);
  }

 private:
  Children children_;
  SqlTypePtr type_;
  bool negated_;
};

class LikeEvaluator final : public Evaluator {
 public:
  LikeEvaluator(EvaluatorPtr value, EvaluatorPtr pattern, std::optional<char> escape, bool negated)
      : value_(std::move(value)),
        pattern_(std::move(pattern)),
        escape_(escape),
        negated_(negated) {}

  Value Evaluate(const Row& row) const override {
    const Value value = value_->Evaluate(row);
    const Value pattern = pattern_->Evaluate(row);
    if (value.IsNull() || pattern.IsNull()) {
      return Value();
    }
    return Value::Boolean(LikeMatches(value.AsString(), pattern.AsString(), escape_) != negated_);
  }

 private:
  EvaluatorPtr value_;
  EvaluatorPtr pattern_;
  std::optional<char> escape_;
  bool negated_;
};

// Branches are evaluated lazily: only the result of the first true condition (or ELSE).
class CaseEvaluator final : public Evaluator {
 public:
  explicit CaseEvaluator(Children children) : children_(std::move(children)) {}

  Value Evaluate(const Row& row) const override {
    const size_t pairs = children_.size() / 2;
    for (size_t i = 0; i < pairs; ++i) {
      if (IsTrue(children_[2 * i]->Evaluate(row))) {
        return children_[2 * i + 1]->Evaluate(row);
      }
    }
    return children_.size() % 2 == 1 ? children_.back()->Evaluate(row) : Value();
  }

 private:
  Children children_;
};

class FunctionEvaluator final : public Evaluator {
 public:
  FunctionEvaluator(std::shared_ptr<const functions::ResolvedScalarFunction> function,
                    Children children)
      : function_(std::move(function)), children_(std::move(children)) {}

  Value Evaluate(const Row& row) const override {
    ValueList arguments;
    arguments.reserve(children_.size());
    for (const EvaluatorPtr& child : children_) {
      arguments.push_back(child->Evaluate(row));
    }
    return function_->body(arguments);
  }

 private:
  std::shared_ptr<const functions::ResolvedScalarFunction> function_;
  Children children_;
};

class FieldEvaluator final : public Evaluator {
 public:
  FieldEvaluator(EvaluatorPtr base, size_t index) : base_(std::move(base)), index_(index) {}

  Value Evaluate(const Row& row) const override {
    const Value base = base_->Evaluate(row);
    return base.IsNull() ? Value() : base.AsList()[index_];
  }

 private:
  EvaluatorPtr base_;
  size_t index_;
};

// ARRAY subscripts are 1-based; negative ones count from the end; out of range gives NULL.
// MAP subscripts look the key up.
class SubscriptEvaluator final : public Evaluator {
 public:
  SubscriptEvaluator(EvaluatorPtr base, EvaluatorPtr index, SqlTypePtr base_type)
      : base_(std::move(base)), index_(std::move(index)), base_type_(std::move(base_type)) {}

  Value Evaluate(const Row& row) const override {
    const Value base = base_->Evaluate(row);
    const Value index = index_->Evaluate(row);
    if (base.IsNull() || index.IsNull()) {
      return Value();
    }
    if (base_type_->kind() == TypeKind::kMap) {
      for (const auto& [key, value] : base.AsPairs()) {
        if (CompareValues(key, index, *base_type_->key()) == 0) {
          return value;
        }
      }
      return Value();
    }
    const ValueList& elements = base.AsList();
    const int64_t position =
        index.storage() == Value::Storage::kInt32 ? index.AsInt32() : index.AsInt64();
    const auto size = static_cast<int64_t>(elements.size());
    const int64_t zero_based = position > 0 ? position - 1 : size + position;
    if (position == 0 || zero_based < 0 || zero_based >= size) {
      return Value();
    }
    return elements[static_cast<size_t>(zero_based)];
  }

 private:
  EvaluatorPtr base_;
  EvaluatorPtr index_;
  SqlTypePtr base_type_;
};

class ListConstructorEvaluator final : public Evaluator {
 public:
  explicit ListConstructorEvaluator(Children children) : children_(std::move(children)) {}

  Value Evaluate(const Row& row) const override {
    ValueList values;
    values.reserve(children_.size());
    for (const EvaluatorPtr& child : children_) {
      values.push_back(child->Evaluate(row));
    }
    return Value::List(std::move(values));
  }

 private:
  Children children_;
};

class MapConstructorEvaluator final : public Evaluator {
 public:
  explicit MapConstructorEvaluator(Children children) : children_(std::move(children)) {}

  Value Evaluate(const Row& row) const override {
    ValuePairList pairs;
    for (size_t i = 0; i + 1 < children_.size(); i += 2) {
      pairs.emplace_back(children_[i]->Evaluate(row), children_[i + 1]->Evaluate(row));
    }
    return Value::Pairs(std::move(pairs));
  }

 private:
  Children children_;
};

}  // namespace

EvaluatorPtr CompileExpression(const BoundExpressionPtr& expression) {
  const BoundExpression& node = *expression;
  switch (node.kind) {
    case BoundKind::kLiteral:
      return std::make_unique<LiteralEvaluator>(node.value);
    case BoundKind::kColumn:
      return std::make_unique<ColumnEvaluator>(node.index);
    case BoundKind::kPseudocolumn:
      return std::make_unique<PseudocolumnEvaluator>(node.pseudocolumn);
    case BoundKind::kCast:
      return NullOnError(std::make_unique<CastEvaluator>(
          CompileExpression(node.children[0]), node.children[0]->type, node.type));
    case BoundKind::kArithmetic:
      return std::make_unique<ArithmeticEvaluator>(node.arithmetic,
                                                   CompileExpression(node.children[0]),
                                                   CompileExpression(node.children[1]),
                                                   node.type);
    case BoundKind::kNegate:
      return std::make_unique<NegateEvaluator>(CompileExpression(node.children[0]), node.type);
    case BoundKind::kComparison:
      return std::make_unique<ComparisonEvaluator>(node.comparison,
                                                   CompileExpression(node.children[0]),
                                                   CompileExpression(node.children[1]),
                                                   node.operand_type);
    case BoundKind::kAnd:
    case BoundKind::kOr:
      return std::make_unique<LogicalEvaluator>(node.kind == BoundKind::kAnd,
                                                CompileChildren(node));
    case BoundKind::kNot:
      return std::make_unique<NotEvaluator>(CompileExpression(node.children[0]));
    case BoundKind::kIsNull:
      return std::make_unique<IsNullEvaluator>(CompileExpression(node.children[0]), node.negated);
    case BoundKind::kInList:
      return std::make_unique<InListEvaluator>(
          CompileChildren(node), node.operand_type, node.negated);
    case BoundKind::kLike:
      return std::make_unique<LikeEvaluator>(CompileExpression(node.children[0]),
                                             CompileExpression(node.children[1]),
                                             node.escape,
                                             node.negated);
    case BoundKind::kCase:
      return std::make_unique<CaseEvaluator>(CompileChildren(node));
    case BoundKind::kFunction:
      return std::make_unique<FunctionEvaluator>(node.function, CompileArguments(node));
    case BoundKind::kField:
      return std::make_unique<FieldEvaluator>(CompileExpression(node.children[0]), node.index);
    case BoundKind::kSubscript:
      return std::make_unique<SubscriptEvaluator>(CompileExpression(node.children[0]),
                                                  CompileExpression(node.children[1]),
                                                  node.children[0]->type);
    case BoundKind::kArray:
    case BoundKind::kStruct:
      return std::make_unique<ListConstructorEvaluator>(CompileElements(node));
    case BoundKind::kMap:
      return std::make_unique<MapConstructorEvaluator>(CompileElements(node));
  }
  throw Error(ErrorKind::kInternal, "Unknown bound expression kind");
}

}  // namespace fluxo::expr
