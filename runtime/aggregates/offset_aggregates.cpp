// EARLIEST_BY_OFFSET and LATEST_BY_OFFSET.
#include <algorithm>
#include <string>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"
#include "runtime/core/error.h"

namespace fluxo::aggregates {
namespace {

enum class Direction : uint8_t { kEarliest, kLatest };

// One remembered value: STRUCT<SEQ BIGINT, VAL T> as the List [sequence, value].
Value Entry(int64_t sequence, const Value& value) {
  return Value::List({Value::Int64(sequence), value});
}

int64_t SequenceOf(const Value& entry) {
  return entry.AsList()[0].AsInt64();
}

const Value& ValueOf(const Value& entry) {
  return entry.AsList()[1];
}

SqlTypePtr EntryType(const SqlTypePtr& type) {
  return SqlType::Struct({{"SEQ", SqlType::Bigint()}, {"VAL", type}});
}

const char* NameOf(Direction direction) {
  return direction == Direction::kEarliest ? "EARLIEST_BY_OFFSET" : "LATEST_BY_OFFSET";
}

/// EARLIEST_BY_OFFSET(col [, ignoreNulls]) / LATEST_BY_OFFSET(col [, ignoreNulls]): the first
/// or last value in record order; NULL values are skipped unless ignoreNulls is false (it is
/// true by default). The state is NULL until a value is kept, then STRUCT<SEQ, VAL> with the
/// record's AggregateInput::sequence, which Merge uses to tell which session's value came
/// first (ksqlDB's EarliestByOffsetKudaf / LatestByOffset). No undo.
class ByOffsetAggregate final : public AggregateFunction {
 public:
  ByOffsetAggregate(Direction direction, const SqlTypePtr& type, bool ignore_nulls)
      : AggregateFunction(NameOf(direction), 1, type, EntryType(type)),
        direction_(direction),
        ignore_nulls_(ignore_nulls) {}

  Value Initial() const override { return Value::Null(); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    if (value.IsNull() && ignore_nulls_) {
      return state;
    }
    if (direction_ == Direction::kEarliest && !state.IsNull()) {
      return state;
    }
    return Entry(input.sequence, value);
  }

  Value Merge(const Value& left, const Value& right) const override {
    if (left.IsNull()) {
      return right;
    }
    if (right.IsNull()) {
      return left;
    }
    if (direction_ == Direction::kEarliest) {
      return SequenceOf(left) < SequenceOf(right) ? left : right;
    }
    // ksqlDB's comparator with ignoreNulls ranks a NULL value below any other.
    if (ignore_nulls_ && (ValueOf(left).IsNull() || ValueOf(right).IsNull())) {
      return ValueOf(left).IsNull() && !ValueOf(right).IsNull() ? right : left;
    }
    return SequenceOf(left) >= SequenceOf(right) ? left : right;
  }

  Value Result(const Value& state) const override {
    return state.IsNull() ? Value::Null() : ValueOf(state);
  }

 private:
  Direction direction_;
  bool ignore_nulls_;
};

/// EARLIEST_BY_OFFSET(col, n [, ignoreNulls]) / LATEST_BY_OFFSET(col, n [, ignoreNulls]) with
/// n > 1: an ARRAY of the first or last n values in record order (oldest first). The state is
/// ARRAY<STRUCT<SEQ, VAL>>; Merge sorts both sessions' entries by sequence and keeps the
/// first or last n (ksqlDB's EarliestNByOffsetKudaf / LatestByOffset.latestN). No undo.
class ByOffsetNAggregate final : public AggregateFunction {
 public:
  ByOffsetNAggregate(Direction direction, const SqlTypePtr& type, size_t count, bool ignore_nulls)
      : AggregateFunction(
            NameOf(direction), 1, SqlType::Array(type), SqlType::Array(EntryType(type))),
        direction_(direction),
        count_(count),
        ignore_nulls_(ignore_nulls) {}

  Value Initial() const override { return Value::List({}); }

  Value Accumulate(const Value& state, const AggregateInput& input) const override {
    const Value& value = input.arguments[0];
    const ValueList& entries = state.AsList();
    if ((value.IsNull() && ignore_nulls_) ||
        (direction_ == Direction::kEarliest && entries.size() >= count_)) {
      return state;
    }
    ValueList grown = entries;
    grown.push_back(Entry(input.sequence, value));
    return Value::List(Keep(std::move(grown)));
  }

  Value Merge(const Value& left, const Value& right) const override {
    ValueList merged = left.AsList();
    const ValueList& more = right.AsList();
    merged.insert(merged.end(), more.begin(), more.end());
    const bool nulls_first = direction_ == Direction::kLatest && ignore_nulls_;
    std::stable_sort(merged.begin(), merged.end(), [nulls_first](const Value& a, const Value& b) {
      if (nulls_first && ValueOf(a).IsNull() != ValueOf(b).IsNull()) {
        return ValueOf(a).IsNull();
      }
      if (nulls_first && ValueOf(a).IsNull()) {
        return false;  // Two NULL values rank equal.
      }
      return SequenceOf(a) < SequenceOf(b);
    });
    return Value::List(Keep(std::move(merged)));
  }

  Value Result(const Value& state) const override {
    ValueList values;
    for (const Value& entry : state.AsList()) {
      values.push_back(ValueOf(entry));
    }
    return Value::List(std::move(values));
  }

 private:
  // Keeps the first n entries (earliest) or the last n (latest).
  ValueList Keep(ValueList entries) const {
    if (entries.size() <= count_) {
      return entries;
    }
    if (direction_ == Direction::kEarliest) {
      entries.resize(count_);
      return entries;
    }
    return ValueList(entries.end() - static_cast<std::ptrdiff_t>(count_), entries.end());
  }

  Direction direction_;
  size_t count_;
  bool ignore_nulls_;
};

// Reads the literal arguments after the column: (), (ignoreNulls), (n) or (n, ignoreNulls).
AggregateFactory ByOffsetFactory(Direction direction) {
  return [direction](const std::vector<AggregateArgument>& arguments,
                     const AggregateConfig&) -> std::shared_ptr<const AggregateFunction> {
    if (arguments.empty() || arguments.size() > 3 || !arguments[0].type) {
      return nullptr;
    }
    const std::string name = NameOf(direction);
    bool ignore_nulls = true;
    int32_t count = 1;
    if (arguments.size() == 2) {
      if (HasKind(arguments[1].type, {TypeKind::kBoolean})) {
        auto literal = BooleanLiteral(arguments[1]);
        if (!literal) {
          ThrowLiteralExpected(name, 2, "BOOLEAN");
        }
        ignore_nulls = *literal;
      } else if (HasKind(arguments[1].type, {TypeKind::kInt})) {
        auto literal = IntLiteral(arguments[1]);
        if (!literal) {
          ThrowLiteralExpected(name, 2, "INT");
        }
        count = *literal;
      } else {
        return nullptr;
      }
    } else if (arguments.size() == 3) {
      if (!HasKind(arguments[1].type, {TypeKind::kInt}) ||
          !HasKind(arguments[2].type, {TypeKind::kBoolean})) {
        return nullptr;
      }
      auto literal_count = IntLiteral(arguments[1]);
      if (!literal_count) {
        ThrowLiteralExpected(name, 2, "INT");
      }
      auto literal_ignore = BooleanLiteral(arguments[2]);
      if (!literal_ignore) {
        ThrowLiteralExpected(name, 3, "BOOLEAN");
      }
      count = *literal_count;
      ignore_nulls = *literal_ignore;
    }
    if (count <= 0) {
      const char* java_name =
          direction == Direction::kEarliest ? "EarliestByOffset" : "LatestByOffset";
      throw Error(ErrorKind::kType,
                  std::string("For ") + java_name + ", n must be positive.  It was " +
                      std::to_string(count));
    }
    if (count == 1) {
      return std::make_shared<ByOffsetAggregate>(direction, arguments[0].type, ignore_nulls);
    }
    return std::make_shared<ByOffsetNAggregate>(
        direction, arguments[0].type, static_cast<size_t>(count), ignore_nulls);
  };
}

std::vector<std::string> Signatures(const std::string& name) {
  return {name + "(T val) -> T",
          name + "(T val, BOOLEAN ignoreNulls) -> T",
          name + "(T val, INT n) -> ARRAY<T>",
          name + "(T val, INT n, BOOLEAN ignoreNulls) -> ARRAY<T>"};
}

}  // namespace

void AddOffsetAggregates(AggregateRegistry& registry) {
  registry.Add({"EARLIEST_BY_OFFSET",
                "",
                "Returns the oldest value of a column (or the oldest n), computed by offset; "
                "NULLs are skipped unless ignoreNulls is false.",
                Signatures("EARLIEST_BY_OFFSET")},
               ByOffsetFactory(Direction::kEarliest));
  registry.Add({"LATEST_BY_OFFSET",
                "",
                "Returns the most recent value of a column (or the most recent n), computed by "
                "offset; NULLs are skipped unless ignoreNulls is false.",
                Signatures("LATEST_BY_OFFSET")},
               ByOffsetFactory(Direction::kLatest));
}

}  // namespace fluxo::aggregates
