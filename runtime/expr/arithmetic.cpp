#include "runtime/expr/arithmetic.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "runtime/core/error.h"
#include "runtime/expr/decimal_arithmetic.h"

namespace fluxo::expr {

namespace {

SqlTypePtr PrimitiveType(TypeKind kind) {
  switch (kind) {
    case TypeKind::kInt:
      return SqlType::Int();
    case TypeKind::kBigint:
      return SqlType::Bigint();
    default:
      return SqlType::Double();
  }
}

// SqlDecimal.add/subtract/multiply/divide/modulus.
SqlTypePtr DecimalResultType(ArithmeticOperator op, const SqlType& left, const SqlType& right) {
  const SqlTypePtr l = DecimalTypeOf(left);
  const SqlTypePtr r = DecimalTypeOf(right);
  const int p1 = l->precision();
  const int s1 = l->scale();
  const int p2 = r->precision();
  const int s2 = r->scale();
  const int scale = std::max(s1, s2);
  switch (op) {
    case ArithmeticOperator::kAdd:
    case ArithmeticOperator::kSubtract:
      return BoundedDecimalType(std::max(p1 - s1, p2 - s2) + scale + 1, scale);
    case ArithmeticOperator::kMultiply:
      return BoundedDecimalType(p1 + p2 + 1, s1 + s2);
    case ArithmeticOperator::kDivide: {
      const int quotient_scale = std::max(6, s1 + p2 + 1);
      return BoundedDecimalType(p1 - s1 + s2 + quotient_scale, quotient_scale);
    }
    case ArithmeticOperator::kModulus:
      return BoundedDecimalType(std::min(p1 - s1, p2 - s2) + scale, scale);
  }
  return nullptr;
}

// Java's int and long arithmetic: two's complement wrap-around, ArithmeticException on / 0.
template <typename Integer>
Integer JavaIntegerArithmetic(ArithmeticOperator op, Integer left, Integer right) {
  using Unsigned = std::make_unsigned_t<Integer>;
  const auto a = static_cast<Unsigned>(left);
  const auto b = static_cast<Unsigned>(right);
  switch (op) {
    case ArithmeticOperator::kAdd:
      return static_cast<Integer>(a + b);
    case ArithmeticOperator::kSubtract:
      return static_cast<Integer>(a - b);
    case ArithmeticOperator::kMultiply:
      return static_cast<Integer>(a * b);
    case ArithmeticOperator::kDivide:
    case ArithmeticOperator::kModulus:
      break;
  }
  if (right == 0) {
    throw Error(ErrorKind::kExecution, "/ by zero");
  }
  if (right == -1) {
    // MIN / -1 overflows back to MIN in Java (and is undefined in C++); MIN % -1 is 0.
    return op == ArithmeticOperator::kDivide ? static_cast<Integer>(Unsigned{0} - a) : 0;
  }
  return op == ArithmeticOperator::kDivide ? left / right : left % right;
}

int64_t LongOperand(const Value& value) {
  return value.storage() == Value::Storage::kInt32 ? value.AsInt32() : value.AsInt64();
}

double DoubleOperand(const Value& value) {
  switch (value.storage()) {
    case Value::Storage::kInt32:
      return value.AsInt32();
    case Value::Storage::kInt64:
      return static_cast<double>(value.AsInt64());
    case Value::Storage::kDecimal:
      return DecimalToDouble(value.AsDecimal());
    default:
      return value.AsDouble();
  }
}

double DoubleArithmetic(ArithmeticOperator op, double left, double right) {
  switch (op) {
    case ArithmeticOperator::kAdd:
      return left + right;
    case ArithmeticOperator::kSubtract:
      return left - right;
    case ArithmeticOperator::kMultiply:
      return left * right;
    case ArithmeticOperator::kDivide:
      return left / right;
    case ArithmeticOperator::kModulus:
      return std::fmod(left, right);  // Java's % on doubles: the sign of the dividend.
  }
  return 0;
}

DecimalValue DecimalArithmetic(ArithmeticOperator op,
                               const DecimalValue& left,
                               const DecimalValue& right,
                               const SqlType& result) {
  const int precision = result.precision();
  const int scale = result.scale();
  switch (op) {
    case ArithmeticOperator::kAdd:
      return AddDecimals(left, right, precision, scale);
    case ArithmeticOperator::kSubtract:
      return SubtractDecimals(left, right, precision, scale);
    case ArithmeticOperator::kMultiply:
      return MultiplyDecimals(left, right, precision, scale);
    case ArithmeticOperator::kDivide:
      return DivideDecimals(left, right, precision, scale);
    case ArithmeticOperator::kModulus:
      return RemainderDecimals(left, right, precision, scale);
  }
  return DecimalValue{};
}

}  // namespace

SqlTypePtr ArithmeticResultType(ArithmeticOperator op, const SqlType& left, const SqlType& right) {
  if (left.kind() == TypeKind::kString && right.kind() == TypeKind::kString) {
    return op == ArithmeticOperator::kAdd ? SqlType::String() : nullptr;
  }
  const int left_rank = NumericWideningRank(left.kind());
  const int right_rank = NumericWideningRank(right.kind());
  if (left_rank < 0 || right_rank < 0) {
    return nullptr;
  }
  const SqlType& wider = left_rank <= right_rank ? right : left;
  if (wider.kind() != TypeKind::kDecimal) {
    return PrimitiveType(wider.kind());
  }
  return DecimalResultType(op, left, right);
}

SqlTypePtr ArithmeticOperandType(const SqlType& operand, const SqlType& result) {
  if (result.kind() == TypeKind::kDecimal) {
    return DecimalTypeOf(operand);
  }
  return std::make_shared<const SqlType>(result);
}

Value EvaluateArithmetic(ArithmeticOperator op,
                         const Value& left,
                         const Value& right,
                         const SqlType& result) {
  if (left.IsNull() || right.IsNull()) {
    return Value();
  }
  switch (result.kind()) {
    case TypeKind::kInt:
      return Value::Int32(JavaIntegerArithmetic<int32_t>(op, left.AsInt32(), right.AsInt32()));
    case TypeKind::kBigint:
      return Value::Int64(
          JavaIntegerArithmetic<int64_t>(op, LongOperand(left), LongOperand(right)));
    case TypeKind::kDouble:
      return Value::Double(DoubleArithmetic(op, DoubleOperand(left), DoubleOperand(right)));
    case TypeKind::kDecimal:
      return Value::Decimal(
          DecimalArithmetic(op, ToDecimalValue(left), ToDecimalValue(right), result));
    case TypeKind::kString:
      if (op == ArithmeticOperator::kAdd) {
        return Value::String(left.AsString() + right.AsString());
      }
      break;
    default:
      break;
  }
  throw Error(ErrorKind::kInternal, "No arithmetic for the type " + result.ToString());
}

Value Negate(const Value& value, const SqlType& type) {
  if (value.IsNull()) {
    return Value();
  }
  switch (type.kind()) {
    case TypeKind::kInt:
      return Value::Int32(
          JavaIntegerArithmetic<int32_t>(ArithmeticOperator::kSubtract, 0, value.AsInt32()));
    case TypeKind::kBigint:
      return Value::Int64(
          JavaIntegerArithmetic<int64_t>(ArithmeticOperator::kSubtract, 0, LongOperand(value)));
    case TypeKind::kDouble:
      return Value::Double(-value.AsDouble());
    case TypeKind::kDecimal:
      return Value::Decimal(DecimalValue{-value.AsDecimal().unscaled, value.AsDecimal().scale});
    default:
      throw Error(ErrorKind::kInternal, "No negation for the type " + type.ToString());
  }
}

}  // namespace fluxo::expr
