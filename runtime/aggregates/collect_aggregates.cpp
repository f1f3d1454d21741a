// COLLECT_LIST and COLLECT_SET.
#include <algorithm>
#include <limits>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"

namespace fluxo::aggregates {
namespace {

// ksqlDB reads a negative limit as no limit.
size_t EffectiveLimit(int64_t configured) {
  return configured < 0 ? std::numeric_limits<size_t>::max() : static_cast<size_t>(configured);
}

/// COLLECT_LIST(col): every value in arrival order, NULLs included, up to the
/// `ksql.functions.collect_list.limit` first ones (later values are silently ignored).
/// Undo removes the last occurrence of the value, if any (ksqlDB's CollectListUdaf); merge
/// appends the second list to the first up to the limit.
class CollectListAggregate final : public AggregateFunction {
 public:
  CollectListAggregate(const SqlTypePtr& type, size_t limit)
      : AggregateFunction("COLLECT_LIST", 1, SqlType::Array(type), SqlType::Array(type)),
        limit_(limit) {}

  Value Initial() const override { return Value::List({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    if (state.AsList().size() >= limit_) {
      return state;
    }
    ValueList values = state.AsList();
    values.push_back(input.arguments[0]);
    return Value::List(std::move(values));
  }

  bool SupportsUndo() const override { return true; }

  Value Undo(const Value& state, const AggregateInput& input) const override {
    const ValueList& values = state.AsList();
    auto last = std::find(values.rbegin(), values.rend(), input.arguments[0]);
    if (last == values.rend()) {
      return state;  // Never added: the limit was reached.
    }
    ValueList remaining = values;
    remaining.erase(remaining.begin() + (values.rend() - last - 1));
    return Value::List(std::move(remaining));
  }

  Value Merge(const Value& left, const Value& right) const override {
    ValueList values = left.AsList();
    for (const Value& value : right.AsList()) {
      if (values.size() >= limit_) {
        break;
      }
      values.push_back(value);
    }
    return Value::List(std::move(values));
  }

  Value Result(const Value& state) const override { return state; }

 private:
  size_t limit_;
};

/// COLLECT_SET(col): the distinct values in order of first arrival, NULL included once, up to
/// `ksql.functions.collect_set.limit` of them (ksqlDB's CollectSetUdaf). No undo.
class CollectSetAggregate final : public AggregateFunction {
 public:
  CollectSetAggregate(const SqlTypePtr& type, size_t limit)
      : AggregateFunction("COLLECT_SET", 1, SqlType::Array(type), SqlType::Array(type)),
        limit_(limit) {}

  Value Initial() const override { return Value::List({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const ValueList& values = state.AsList();
    const Value& value = input.arguments[0];
    if (values.size() >= limit_ || std::find(values.begin(), values.end(), value) != values.end()) {
      return state;
    }
    ValueList grown = values;
    grown.push_back(value);
    return Value::List(std::move(grown));
  }

  Value Merge(const Value& left, const Value& right) const override {
    ValueList values = left.AsList();
    for (const Value& value : right.AsList()) {
      if (values.size() >= limit_) {
        break;
      }
      if (std::find(values.begin(), values.end(), value) == values.end()) {
        values.push_back(value);
      }
    }
    return Value::List(std::move(values));
  }

  Value Result(const Value& state) const override { return state; }

 private:
  size_t limit_;
};

}  // namespace

void AddCollectAggregates(AggregateRegistry& registry) {
  registry.Add({"COLLECT_LIST",
                "",
                "Gathers all values of a column, NULLs included, into an array (at most "
                "ksql.functions.collect_list.limit of them).",
                {"COLLECT_LIST(T val) -> ARRAY<T>"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig& config) -> std::shared_ptr<const AggregateFunction> {
                 if (arguments.size() != 1 || !arguments[0].type) {
                   return nullptr;
                 }
                 return std::make_shared<CollectListAggregate>(
                     arguments[0].type, EffectiveLimit(config.collect_list_limit));
               });
  registry.Add({"COLLECT_SET",
                "",
                "Gathers the distinct values of a column into an array (at most "
                "ksql.functions.collect_set.limit of them).",
                {"COLLECT_SET(T val) -> ARRAY<T>"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig& config) -> std::shared_ptr<const AggregateFunction> {
                 if (arguments.size() != 1 || !arguments[0].type) {
                   return nullptr;
                 }
                 return std::make_shared<CollectSetAggregate>(
                     arguments[0].type, EffectiveLimit(config.collect_set_limit));
               });
}

}  // namespace fluxo::aggregates
