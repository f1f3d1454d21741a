// HISTOGRAM.
#include <algorithm>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"

namespace fluxo::aggregates {
namespace {

/// HISTOGRAM(col) over STRING: a MAP<STRING, BIGINT> from each distinct value to the number
/// of times it occurs, at most 1000 distinct values (later new values are ignored; counts of
/// values already in the map still grow). A NULL value is counted under a NULL key, as Java's
/// HashMap does in ksqlDB's HistogramUdaf. Undo decrements and removes a key that reaches 0.
/// The map keeps first-arrival order (Java's HashMap order is unspecified).
class HistogramAggregate final : public AggregateFunction {
 public:
  static constexpr size_t kLimit = 1000;

  HistogramAggregate()
      : AggregateFunction("HISTOGRAM",
                          1,
                          SqlType::Map(SqlType::String(), SqlType::Bigint()),
                          SqlType::Map(SqlType::String(), SqlType::Bigint())) {}

  Value Initial() const override { return Value::Pairs({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    ValuePairList counts = state.AsPairs();
    AddCount(counts, input.arguments[0], 1);
    return Value::Pairs(std::move(counts));
  }

  bool SupportsUndo() const override { return true; }

  Value Undo(const Value& state, const AggregateInput& input) const override {
    ValuePairList counts = state.AsPairs();
    auto entry = Find(counts, input.arguments[0]);
    if (entry == counts.end()) {
      return state;  // Never counted: the limit was reached.
    }
    if (entry->second.AsInt64() <= 1) {
      counts.erase(entry);
    } else {
      entry->second = Value::Int64(entry->second.AsInt64() - 1);
    }
    return Value::Pairs(std::move(counts));
  }

  Value Merge(const Value& left, const Value& right) const override {
    ValuePairList counts = left.AsPairs();
    for (const auto& [value, count] : right.AsPairs()) {
      AddCount(counts, value, count.AsInt64());
    }
    return Value::Pairs(std::move(counts));
  }

  Value Result(const Value& state) const override { return state; }

 private:
  static ValuePairList::iterator Find(ValuePairList& counts, const Value& value) {
    return std::find_if(
        counts.begin(), counts.end(), [&value](const auto& entry) { return entry.first == value; });
  }

  static void AddCount(ValuePairList& counts, const Value& value, int64_t amount) {
    auto entry = Find(counts, value);
    if (entry != counts.end()) {
      entry->second = Value::Int64(entry->second.AsInt64() + amount);
    } else if (counts.size() < kLimit) {
      counts.emplace_back(value, Value::Int64(amount));
    }
  }
};

}  // namespace

void AddHistogramAggregate(AggregateRegistry& registry) {
  registry.Add({"HISTOGRAM",
                "",
                "Returns a map from each distinct string to the number of times it occurs "
                "(at most 1000 entries).",
                {"HISTOGRAM(STRING val) -> MAP<STRING, BIGINT>"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
                 if (arguments.size() != 1 || !HasKind(arguments[0].type, {TypeKind::kString})) {
                   return nullptr;
                 }
                 return std::make_shared<HistogramAggregate>();
               });
}

}  // namespace fluxo::aggregates
