// TOPK and TOPKDISTINCT.
#include <algorithm>
#include <string>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"
#include "runtime/core/error.h"
#include "runtime/expr/comparison.h"

namespace fluxo::aggregates {
namespace {

constexpr std::initializer_list<TypeKind> kSortableKinds = {TypeKind::kInt,
                                                            TypeKind::kBigint,
                                                            TypeKind::kDouble,
                                                            TypeKind::kDecimal,
                                                            TypeKind::kString,
                                                            TypeKind::kDate,
                                                            TypeKind::kTime,
                                                            TypeKind::kTimestamp};

/// TOPK(col, k): the k largest non-NULL values, largest first, duplicates kept (ARRAY<T>).
/// TOPK(col, other1, ..., k): the same ranking by `col`, each entry a
/// STRUCT<sort_col T, col0 T1, col1 T2, ...> carrying the other columns of its record.
/// Equal values keep arrival order; merge takes the first state's entry on a tie (ksqlDB's
/// TopkKudaf). The state is the result itself. No undo.
class TopKAggregate final : public AggregateFunction {
 public:
  TopKAggregate(const SqlTypePtr& result_type,
                SqlTypePtr sort_type,
                size_t num_column_arguments,
                size_t k)
      : AggregateFunction("TOPK", num_column_arguments, result_type, result_type),
        sort_type_(std::move(sort_type)),
        k_(k) {}

  Value Initial() const override { return Value::List({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    if (input.arguments[0].IsNull()) {
      return state;
    }
    Value entry = num_column_arguments() == 1
                      ? input.arguments[0]
                      : Value::List(ValueList(input.arguments.begin(), input.arguments.end()));
    const ValueList& entries = state.AsList();
    // The new entry goes after every entry that is not smaller, then the list is cut to k.
    auto position = std::find_if(entries.begin(), entries.end(), [&](const Value& existing) {
      return Compare(existing, entry) < 0;
    });
    if (position == entries.end() && entries.size() >= k_) {
      return state;
    }
    ValueList updated = entries;
    updated.insert(updated.begin() + (position - entries.begin()), std::move(entry));
    if (updated.size() > k_) {
      updated.resize(k_);
    }
    return Value::List(std::move(updated));
  }

  Value Merge(const Value& left, const Value& right) const override {
    const ValueList& first = left.AsList();
    const ValueList& second = right.AsList();
    ValueList merged;
    size_t first_index = 0;
    size_t second_index = 0;
    while (merged.size() < k_ && (first_index < first.size() || second_index < second.size())) {
      const bool take_first =
          second_index == second.size() ||
          (first_index < first.size() && Compare(first[first_index], second[second_index]) >= 0);
      merged.push_back(take_first ? first[first_index++] : second[second_index++]);
    }
    return Value::List(std::move(merged));
  }

  Value Result(const Value& state) const override { return state; }

 private:
  int Compare(const Value& left, const Value& right) const {
    if (num_column_arguments() == 1) {
      return expr::CompareValues(left, right, *sort_type_);
    }
    return expr::CompareValues(left.AsList()[0], right.AsList()[0], *sort_type_);
  }

  SqlTypePtr sort_type_;
  size_t k_;
};

/// TOPKDISTINCT(col, k): the k largest distinct non-NULL values, largest first (ksqlDB's
/// TopkDistinctKudaf). Values equal by comparison (1.0 and 1.00) count once. No undo.
class TopKDistinctAggregate final : public AggregateFunction {
 public:
  TopKDistinctAggregate(const SqlTypePtr& type, size_t k)
      : AggregateFunction("TOPKDISTINCT", 1, SqlType::Array(type), SqlType::Array(type)),
        sort_type_(type),
        k_(k) {}

  Value Initial() const override { return Value::List({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    return Value::List(Insert(state.AsList(), input.arguments[0]));
  }

  Value Merge(const Value& left, const Value& right) const override {
    ValueList merged = left.AsList();
    for (const Value& value : right.AsList()) {
      merged = Insert(merged, value);
    }
    return Value::List(std::move(merged));
  }

  Value Result(const Value& state) const override { return state; }

 private:
  ValueList Insert(const ValueList& values, const Value& value) const {
    if (value.IsNull()) {
      return values;
    }
    auto position = std::find_if(values.begin(), values.end(), [&](const Value& existing) {
      return expr::CompareValues(existing, value, *sort_type_) <= 0;
    });
    if (position != values.end() && expr::CompareValues(*position, value, *sort_type_) == 0) {
      return values;
    }
    ValueList updated = values;
    updated.insert(updated.begin() + (position - values.begin()), value);
    if (updated.size() > k_) {
      updated.resize(k_);
    }
    return updated;
  }

  SqlTypePtr sort_type_;
  size_t k_;
};

// Reads k, the last argument: an INT literal of at least 1.
size_t ReadK(const std::string& name, const std::vector<AggregateArgument>& arguments) {
  auto k = IntLiteral(arguments.back());
  if (!k) {
    ThrowLiteralExpected(name, arguments.size(), "INT");
  }
  if (*k < 1) {
    throw Error(ErrorKind::kType, name + " needs k of at least 1, but k was " + std::to_string(*k));
  }
  return static_cast<size_t>(*k);
}

std::shared_ptr<const AggregateFunction> MakeTopK(const std::vector<AggregateArgument>& arguments,
                                                  const AggregateConfig&) {
  if (arguments.size() < 2 || !HasKind(arguments[0].type, kSortableKinds) ||
      !HasKind(arguments.back().type, {TypeKind::kInt})) {
    return nullptr;
  }
  const size_t k = ReadK("TOPK", arguments);
  const size_t columns = arguments.size() - 1;
  if (columns == 1) {
    return std::make_shared<TopKAggregate>(
        SqlType::Array(arguments[0].type), arguments[0].type, 1, k);
  }
  std::vector<StructField> fields = {{"sort_col", arguments[0].type}};
  for (size_t index = 1; index < columns; ++index) {
    if (!arguments[index].type) {
      return nullptr;
    }
    fields.push_back({"col" + std::to_string(index - 1), arguments[index].type});
  }
  return std::make_shared<TopKAggregate>(
      SqlType::Array(SqlType::Struct(std::move(fields))), arguments[0].type, columns, k);
}

std::shared_ptr<const AggregateFunction> MakeTopKDistinct(
    const std::vector<AggregateArgument>& arguments, const AggregateConfig&) {
  if (arguments.size() != 2 || !HasKind(arguments[0].type, kSortableKinds) ||
      !HasKind(arguments[1].type, {TypeKind::kInt})) {
    return nullptr;
  }
  return std::make_shared<TopKDistinctAggregate>(arguments[0].type,
                                                 ReadK("TOPKDISTINCT", arguments));
}

}  // namespace

void AddTopKAggregates(AggregateRegistry& registry) {
  registry.Add({"TOPK",
                "",
                "Returns the k largest values of a column, largest first; with other columns, "
                "each entry is a struct of the value (sort_col) and those columns (col0, ...).",
                {"TOPK(T val, INT k) -> ARRAY<T>",
                 "TOPK(T val, U other, ..., INT k) -> ARRAY<STRUCT<sort_col T, col0 U, ...>>"}},
               MakeTopK);
  registry.Add({"TOPKDISTINCT",
                "",
                "Returns the k largest distinct values of a column, largest first.",
                {"TOPKDISTINCT(T val, INT k) -> ARRAY<T>"}},
               MakeTopKDistinct);
}

}  // namespace fluxo::aggregates
