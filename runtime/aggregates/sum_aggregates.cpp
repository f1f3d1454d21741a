// SUM and SUM_LIST.
#include <string>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"
#include "runtime/core/error.h"
#include "runtime/expr/arithmetic.h"
#include "runtime/expr/decimal_arithmetic.h"
#include "runtime/expr/decimal_text.h"

namespace fluxo::aggregates {
namespace {

// `value` rounded half-up to `precision` significant digits, as BigDecimal.add with a
// MathContext of that precision leaves it (used in the overflow message only).
DecimalValue RoundToPrecision(const DecimalValue& value, int precision) {
  const int digits = expr::DecimalDigitCount(value.unscaled);
  if (digits <= precision) {
    return value;
  }
  const int dropped = digits - precision;
  const Int128 divisor = expr::PowerOfTen(dropped);
  const bool negative = value.unscaled < 0;
  const Int128 magnitude = negative ? -value.unscaled : value.unscaled;
  Int128 rounded = (magnitude + divisor / 2) / divisor;
  int scale = value.scale - dropped;
  if (scale < 0) {
    rounded *= expr::PowerOfTen(-scale);
    scale = 0;
  }
  return DecimalValue{negative ? -rounded : rounded, scale};
}

/// The sum of a numeric value as ksqlDB's SUM keeps it: INT and BIGINT wrap around as Java
/// does, DOUBLE follows IEEE-754, DECIMAL(p, s) sums exactly and throws kExecution "Numeric
/// field overflow" once the sum needs more than p - s integer digits (DecimalSumKudaf).
/// `checked` is false for undo and merge, which ksqlDB does not check.
Value AddNumbers(const Value& left, const Value& right, const SqlType& type, bool checked) {
  if (type.kind() != TypeKind::kDecimal) {
    return expr::EvaluateArithmetic(expr::ArithmeticOperator::kAdd, left, right, type);
  }
  const DecimalValue sum = expr::AddDecimals(
      left.AsDecimal(), right.AsDecimal(), SqlType::kMaxDecimalPrecision, type.scale());
  if (checked && !expr::FitsPrecision(sum.unscaled, type.precision())) {
    const int integer_digits = type.precision() - type.scale();
    throw Error(
        ErrorKind::kExecution,
        "Numeric field overflow: A field with precision " + std::to_string(type.precision()) +
            " and scale " + std::to_string(type.scale()) +
            " must round to an absolute value less than 10^" + std::to_string(integer_digits) +
            ". Got " + expr::DecimalToPlainString(RoundToPrecision(sum, type.precision())));
  }
  return Value::Decimal(sum);
}

Value SubtractNumbers(const Value& left, const Value& right, const SqlType& type) {
  if (type.kind() != TypeKind::kDecimal) {
    return expr::EvaluateArithmetic(expr::ArithmeticOperator::kSubtract, left, right, type);
  }
  return Value::Decimal(expr::SubtractDecimals(
      left.AsDecimal(), right.AsDecimal(), SqlType::kMaxDecimalPrecision, type.scale()));
}

Value ZeroOf(const SqlType& type) {
  switch (type.kind()) {
    case TypeKind::kInt:
      return Value::Int32(0);
    case TypeKind::kBigint:
      return Value::Int64(0);
    case TypeKind::kDouble:
      return Value::Double(0.0);
    default:
      return Value::Decimal(DecimalValue{0, type.scale()});
  }
}

/// SUM(col) over INT, BIGINT, DOUBLE or DECIMAL(p, s): starts at 0 (so a group of NULLs sums
/// to 0), ignores NULLs, returns the argument's type. Supports undo.
class SumAggregate final : public AggregateFunction {
 public:
  explicit SumAggregate(const SqlTypePtr& type) : AggregateFunction("SUM", 1, type, type) {}

  Value Initial() const override { return ZeroOf(*result_type()); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    return value.IsNull() ? state : AddNumbers(state, value, *result_type(), true);
  }

  void AccumulateInPlace(Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    if (value.IsNull()) {
      return;
    }
    if (state.storage() == Value::Storage::kInt64 && value.storage() == Value::Storage::kInt64 &&
        result_type()->kind() == TypeKind::kBigint) {
      // Wraps around as Java's long addition does (expr::EvaluateArithmetic).
      state = Value::Int64(static_cast<int64_t>(static_cast<uint64_t>(state.AsInt64()) +
                                                static_cast<uint64_t>(value.AsInt64())));
      return;
    }
    state = AddNumbers(state, value, *result_type(), true);
  }

  bool SupportsUndo() const override { return true; }

  Value Undo(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    return value.IsNull() ? state : SubtractNumbers(state, value, *result_type());
  }

  Value Merge(const Value& left, const Value& right) const override {
    return AddNumbers(left, right, *result_type(), false);
  }

  Value Result(const Value& state) const override { return state; }
};

/// SUM_LIST(col) over ARRAY<INT>, ARRAY<BIGINT> or ARRAY<DOUBLE>: the sum of every non-NULL
/// element of every non-NULL array, of the element type (ksqlDB's ListSumUdaf). Supports
/// undo.
class SumListAggregate final : public AggregateFunction {
 public:
  explicit SumListAggregate(const SqlTypePtr& element)
      : AggregateFunction("SUM_LIST", 1, element, element) {}

  Value Initial() const override { return ZeroOf(*result_type()); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const Value& list = input.arguments[0];
    return list.IsNull() ? state : AddNumbers(state, SumOf(list), *result_type(), false);
  }

  bool SupportsUndo() const override { return true; }

  Value Undo(const Value& state, const AggregateInput& input) const override {
    const Value& list = input.arguments[0];
    return list.IsNull() ? state : SubtractNumbers(state, SumOf(list), *result_type());
  }

  Value Merge(const Value& left, const Value& right) const override {
    return AddNumbers(left, right, *result_type(), false);
  }

  Value Result(const Value& state) const override { return state; }

 private:
  Value SumOf(const Value& list) const {
    Value sum = ZeroOf(*result_type());
    for (const Value& element : list.AsList()) {
      if (!element.IsNull()) {
        sum = AddNumbers(sum, element, *result_type(), false);
      }
    }
    return sum;
  }
};

}  // namespace

void AddSumAggregates(AggregateRegistry& registry) {
  registry.Add(
      {"SUM",
       "",
       "Returns the sum of a column's values; NULLs are ignored and an empty group sums to 0.",
       {"SUM(INT val) -> INT",
        "SUM(BIGINT val) -> BIGINT",
        "SUM(DOUBLE val) -> DOUBLE",
        "SUM(DECIMAL val) -> DECIMAL"}},
      [](const std::vector<AggregateArgument>& arguments,
         const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
        if (arguments.size() != 1 ||
            !HasKind(arguments[0].type,
                     {TypeKind::kInt, TypeKind::kBigint, TypeKind::kDouble, TypeKind::kDecimal})) {
          return nullptr;
        }
        return std::make_shared<SumAggregate>(arguments[0].type);
      });
  registry.Add({"SUM_LIST",
                "",
                "Returns the sum of the elements of the lists in a column.",
                {"SUM_LIST(ARRAY<INT> list) -> INT",
                 "SUM_LIST(ARRAY<BIGINT> list) -> BIGINT",
                 "SUM_LIST(ARRAY<DOUBLE> list) -> DOUBLE"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
                 if (arguments.size() != 1 || !HasKind(arguments[0].type, {TypeKind::kArray}) ||
                     !HasKind(arguments[0].type->element(),
                              {TypeKind::kInt, TypeKind::kBigint, TypeKind::kDouble})) {
                   return nullptr;
                 }
                 return std::make_shared<SumListAggregate>(arguments[0].type->element());
               });
}

}  // namespace fluxo::aggregates
