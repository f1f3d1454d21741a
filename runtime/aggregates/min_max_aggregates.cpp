// MIN and MAX.
#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"
#include "runtime/expr/comparison.h"

namespace fluxo::aggregates {
namespace {

/// MIN(col) / MAX(col) over numbers, STRING, BYTES, DATE, TIME and TIMESTAMP: the smallest or
/// largest non-NULL value, NULL for a group without one (ksqlDB's MinKudaf / MaxKudaf).
/// Values compare as Java's compareTo does (expr::CompareValues: strings by UTF-16 code unit,
/// NaN above every double); on a tie the value kept first stays. No undo: ksqlDB refuses MIN
/// and MAX over a table.
class ExtremumAggregate final : public AggregateFunction {
 public:
  ExtremumAggregate(std::string name, const SqlTypePtr& type, bool keep_larger)
      : AggregateFunction(std::move(name), 1, type, type), keep_larger_(keep_larger) {}

  Value Initial() const override { return Value::Null(); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    return Pick(state, input.arguments[0]);
  }

  void AccumulateInPlace(Value& state, const AggregateInput& input) const override {
    const Value& candidate = input.arguments[0];
    if (!candidate.IsNull() && (state.IsNull() || Replaces(candidate, state))) {
      state = candidate;
    }
  }

  Value Merge(const Value& left, const Value& right) const override { return Pick(left, right); }

  Value Result(const Value& state) const override { return state; }

 private:
  // Returns the extremum of `kept` and `candidate`, either of which may be NULL.
  Value Pick(const Value& kept, const Value& candidate) const {
    if (candidate.IsNull()) {
      return kept;
    }
    if (kept.IsNull()) {
      return candidate;
    }
    return Replaces(candidate, kept) ? candidate : kept;
  }

  // Returns true when non-NULL `candidate` is to replace non-NULL `kept`.
  bool Replaces(const Value& candidate, const Value& kept) const {
    const int order = expr::CompareValues(candidate, kept, *result_type());
    return keep_larger_ ? order > 0 : order < 0;
  }

  bool keep_larger_;
};

AggregateFactory ExtremumFactory(const std::string& name, bool keep_larger) {
  return [name, keep_larger](const std::vector<AggregateArgument>& arguments,
                             const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
    if (arguments.size() != 1 || !HasKind(arguments[0].type,
                                          {TypeKind::kInt,
                                           TypeKind::kBigint,
                                           TypeKind::kDouble,
                                           TypeKind::kDecimal,
                                           TypeKind::kDate,
                                           TypeKind::kTime,
                                           TypeKind::kTimestamp,
                                           TypeKind::kString,
                                           TypeKind::kBytes})) {
      return nullptr;
    }
    return std::make_shared<ExtremumAggregate>(name, arguments[0].type, keep_larger);
  };
}

std::vector<std::string> Signatures(const std::string& name) {
  std::vector<std::string> signatures;
  for (const char* type :
       {"INT", "BIGINT", "DOUBLE", "DECIMAL", "DATE", "TIME", "TIMESTAMP", "STRING", "BYTES"}) {
    signatures.push_back(name + "(" + type + " val) -> " + type);
  }
  return signatures;
}

}  // namespace

void AddMinMaxAggregates(AggregateRegistry& registry) {
  registry.Add({"MIN", "", "Returns the smallest non-NULL value of a column.", Signatures("MIN")},
               ExtremumFactory("MIN", false));
  registry.Add({"MAX", "", "Returns the largest non-NULL value of a column.", Signatures("MAX")},
               ExtremumFactory("MAX", true));
}

}  // namespace fluxo::aggregates
