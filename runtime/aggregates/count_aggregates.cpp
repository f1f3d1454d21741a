// COUNT and COUNT_DISTINCT.
#include <algorithm>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"

namespace fluxo::aggregates {
namespace {

/// COUNT(*), COUNT() and COUNT(col): a BIGINT count of the records, or of the non-NULL values
/// of `col` (ksqlDB's CountKudaf; it rewrites `*` and `()` to ROWTIME, which is never NULL).
/// Supports undo, so it aggregates tables too.
class CountAggregate final : public AggregateFunction {
 public:
  explicit CountAggregate(size_t num_column_arguments)
      : AggregateFunction("COUNT", num_column_arguments, SqlType::Bigint(), SqlType::Bigint()) {}

  Value Initial() const override { return Value::Int64(0); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    return Counts(input) ? Value::Int64(state.AsInt64() + 1) : state;
  }

  void AccumulateInPlace(Value& state, const AggregateInput& input) const override {
    if (Counts(input)) {
      state = Value::Int64(state.AsInt64() + 1);
    }
  }

  bool SupportsUndo() const override { return true; }

  Value Undo(const Value& state, const AggregateInput& input) const override {
    return Counts(input) ? Value::Int64(state.AsInt64() - 1) : state;
  }

  Value Merge(const Value& left, const Value& right) const override {
    return Value::Int64(left.AsInt64() + right.AsInt64());
  }

  Value Result(const Value& state) const override { return state; }

 private:
  bool Counts(const AggregateInput& input) const {
    return num_column_arguments() == 0 || !input.arguments[0].IsNull();
  }
};

/// COUNT_DISTINCT(col): the number of distinct non-NULL values. ksqlDB estimates it with a
/// HyperLogLog sketch; Fluxo keeps the distinct values (state ARRAY<T>) and counts exactly,
/// which agrees with the sketch for the small cardinalities tests use. No undo.
class CountDistinctAggregate final : public AggregateFunction {
 public:
  explicit CountDistinctAggregate(const SqlTypePtr& type)
      : AggregateFunction("COUNT_DISTINCT", 1, SqlType::Bigint(), SqlType::Array(type)) {}

  Value Initial() const override { return Value::List({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    if (value.IsNull() || Contains(state.AsList(), value)) {
      return state;
    }
    ValueList values = state.AsList();
    values.push_back(value);
    return Value::List(std::move(values));
  }

  Value Merge(const Value& left, const Value& right) const override {
    ValueList values = left.AsList();
    for (const Value& value : right.AsList()) {
      if (!Contains(values, value)) {
        values.push_back(value);
      }
    }
    return Value::List(std::move(values));
  }

  Value Result(const Value& state) const override {
    return Value::Int64(static_cast<int64_t>(state.AsList().size()));
  }

 private:
  static bool Contains(const ValueList& values, const Value& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
  }
};

}  // namespace

void AddCountAggregates(AggregateRegistry& registry) {
  registry.Add({"COUNT",
                "",
                "Counts the records, or the non-NULL values of a column.",
                {"COUNT(*) -> BIGINT", "COUNT() -> BIGINT", "COUNT(T col) -> BIGINT"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
                 if (arguments.size() > 1) {
                   return nullptr;
                 }
                 return std::make_shared<CountAggregate>(arguments.size());
               });
  registry.Add({"COUNT_DISTINCT",
                "",
                "Returns the number of distinct non-NULL values of a column.",
                {"COUNT_DISTINCT(T col) -> BIGINT"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
                 if (arguments.size() != 1 || !arguments[0].type) {
                   return nullptr;
                 }
                 return std::make_shared<CountDistinctAggregate>(arguments[0].type);
               });
}

}  // namespace fluxo::aggregates
