// AVG.
#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"
#include "runtime/expr/arithmetic.h"
#include "runtime/expr/decimal_arithmetic.h"

namespace fluxo::aggregates {
namespace {

/// AVG(col) over INT, BIGINT or DOUBLE (a DECIMAL argument widens to DOUBLE, as ksqlDB's
/// function lookup widens it): a DOUBLE, sum / count, and 0.0 for a group with no non-NULL
/// value (ksqlDB's AverageUdaf). The state is STRUCT<SUM T, COUNT BIGINT> kept as a List
/// [sum, count]; the INT and BIGINT sums wrap around as Java's do. NULLs are ignored.
/// Supports undo.
class AverageAggregate final : public AggregateFunction {
 public:
  AverageAggregate(SqlTypePtr sum_type, bool decimal_argument)
      : AggregateFunction("AVG",
                          1,
                          SqlType::Double(),
                          SqlType::Struct({{"SUM", sum_type}, {"COUNT", SqlType::Bigint()}})),
        sum_type_(std::move(sum_type)),
        decimal_argument_(decimal_argument) {}

  Value Initial() const override { return State(ZeroSum(), 0); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    if (value.IsNull()) {
      return state;
    }
    return State(Combine(expr::ArithmeticOperator::kAdd, Sum(state), Widened(value)),
                 Count(state) + 1);
  }

  bool SupportsUndo() const override { return true; }

  Value Undo(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    if (value.IsNull()) {
      return state;
    }
    return State(Combine(expr::ArithmeticOperator::kSubtract, Sum(state), Widened(value)),
                 Count(state) - 1);
  }

  Value Merge(const Value& left, const Value& right) const override {
    return State(Combine(expr::ArithmeticOperator::kAdd, Sum(left), Sum(right)),
                 Count(left) + Count(right));
  }

  Value Result(const Value& state) const override {
    const int64_t count = Count(state);
    if (count == 0) {
      return Value::Double(0.0);
    }
    const Value& sum = Sum(state);
    double total = 0.0;
    switch (sum.storage()) {
      case Value::Storage::kInt32:
        total = sum.AsInt32();
        break;
      case Value::Storage::kInt64:
        total = static_cast<double>(sum.AsInt64());
        break;
      default:
        total = sum.AsDouble();
        break;
    }
    return Value::Double(total / static_cast<double>(count));
  }

 private:
  static const Value& Sum(const Value& state) { return state.AsList()[0]; }

  static int64_t Count(const Value& state) { return state.AsList()[1].AsInt64(); }

  static Value State(Value sum, int64_t count) {
    return Value::List({std::move(sum), Value::Int64(count)});
  }

  Value ZeroSum() const {
    switch (sum_type_->kind()) {
      case TypeKind::kInt:
        return Value::Int32(0);
      case TypeKind::kBigint:
        return Value::Int64(0);
      default:
        return Value::Double(0.0);
    }
  }

  Value Widened(const Value& value) const {
    return decimal_argument_ ? Value::Double(expr::DecimalToDouble(value.AsDecimal())) : value;
  }

  Value Combine(expr::ArithmeticOperator op, const Value& left, const Value& right) const {
    return expr::EvaluateArithmetic(op, left, right, *sum_type_);
  }

  SqlTypePtr sum_type_;
  bool decimal_argument_;
};

}  // namespace

void AddAverageAggregate(AggregateRegistry& registry) {
  registry.Add(
      {"AVG",
       "",
       "Returns the average of a column's non-NULL values, 0.0 when there is none.",
       {"AVG(INT val) -> DOUBLE", "AVG(BIGINT val) -> DOUBLE", "AVG(DOUBLE val) -> DOUBLE"}},
      [](const std::vector<AggregateArgument>& arguments,
         const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
        if (arguments.size() != 1) {
          return nullptr;
        }
        const SqlTypePtr& type = arguments[0].type;
        if (HasKind(type, {TypeKind::kInt, TypeKind::kBigint, TypeKind::kDouble})) {
          return std::make_shared<AverageAggregate>(type, false);
        }
        if (HasKind(type, {TypeKind::kDecimal})) {
          return std::make_shared<AverageAggregate>(SqlType::Double(), true);
        }
        return nullptr;
      });
}

}  // namespace fluxo::aggregates
