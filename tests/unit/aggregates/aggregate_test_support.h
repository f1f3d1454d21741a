#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/core/error.h"

namespace fluxo {

/// Prints a Value as its DebugString so that doctest failures show it.
inline std::ostream& operator<<(std::ostream& out, const Value& value) {
  return out << value.DebugString();
}

}  // namespace fluxo

namespace fluxo::aggregates::testing {

/// A column argument of `type`.
inline AggregateArgument Column(SqlTypePtr type) {
  return AggregateArgument{std::move(type), std::nullopt};
}

/// A literal argument.
inline AggregateArgument Literal(SqlTypePtr type, Value value) {
  return AggregateArgument{std::move(type), std::move(value)};
}

/// Creates a built-in aggregate.
inline std::shared_ptr<const AggregateFunction> Make(const std::string& name,
                                                     const std::vector<AggregateArgument>& args,
                                                     const AggregateConfig& config = {}) {
  return AggregateRegistry::BuiltIn().Create(name, args, config);
}

/// Returns the message of the fluxo::Error that creating the aggregate throws, or "".
inline std::string CreateError(const std::string& name,
                               const std::vector<AggregateArgument>& args,
                               const AggregateConfig& config = {}) {
  try {
    Make(name, args, config);
  } catch (const Error& error) {
    return error.message();
  }
  return "";
}

/// One group's state, driven as the aggregation operator drives it: Add accumulates a
/// record's column arguments (with the next sequence number), Remove undoes one; both return
/// the result afterwards.
class Group {
 public:
  explicit Group(std::shared_ptr<const AggregateFunction> function)
      : function_(std::move(function)), state_(function_->Initial()) {}

  Value Add(const ValueList& arguments) {
    state_ = function_->Accumulate(state_, AggregateInput{arguments, next_sequence_++});
    return Result();
  }

  Value Add(const Value& argument) { return Add(ValueList{argument}); }

  Value Remove(const ValueList& arguments) {
    state_ = function_->Undo(state_, AggregateInput{arguments, next_sequence_++});
    return Result();
  }

  Value Remove(const Value& argument) { return Remove(ValueList{argument}); }

  Value Result() const { return function_->Result(state_); }

  const Value& state() const { return state_; }

  /// Makes later records of this group get sequence numbers from `sequence` on (to interleave
  /// groups as one operator would).
  void set_next_sequence(int64_t sequence) { next_sequence_ = sequence; }

 private:
  std::shared_ptr<const AggregateFunction> function_;
  Value state_;
  int64_t next_sequence_ = 0;
};

/// Shorthands for values.
inline Value I(int32_t value) {
  return Value::Int32(value);
}

inline Value L(int64_t value) {
  return Value::Int64(value);
}

inline Value D(double value) {
  return Value::Double(value);
}

inline Value S(std::string value) {
  return Value::String(std::move(value));
}

inline Value Dec(Int128 unscaled, int32_t scale) {
  return Value::Decimal(DecimalValue{unscaled, scale});
}

inline Value Null() {
  return Value::Null();
}

inline Value List(ValueList values) {
  return Value::List(std::move(values));
}

}  // namespace fluxo::aggregates::testing
