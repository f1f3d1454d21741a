#pragma once

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"
#include "runtime/functions/function_registry.h"

namespace doctest {

template <>
struct StringMaker<fluxo::Value> {
  static String convert(const fluxo::Value& value) { return value.DebugString().c_str(); }
};

}  // namespace doctest

/// Shorthands for the function tests: types, values, and calling a function by name as the
/// evaluator would after resolution.
namespace fluxo::functions::testing {

inline const SqlTypePtr kNullLiteral = nullptr;
inline const SqlTypePtr kInt = SqlType::Int();
inline const SqlTypePtr kBigint = SqlType::Bigint();
inline const SqlTypePtr kDouble = SqlType::Double();
inline const SqlTypePtr kString = SqlType::String();
inline const SqlTypePtr kBytes = SqlType::Bytes();
inline const SqlTypePtr kBoolean = SqlType::Boolean();
inline const SqlTypePtr kDate = SqlType::Date();
inline const SqlTypePtr kTime = SqlType::Time();
inline const SqlTypePtr kTimestamp = SqlType::Timestamp();

inline Value Null() {
  return Value::Null();
}

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

inline Value B(bool value) {
  return Value::Boolean(value);
}

inline Value List(ValueList values) {
  return Value::List(std::move(values));
}

/// A DECIMAL value from its unscaled digits ("-123") and scale.
inline Value Dec(const std::string& unscaled_digits, int32_t scale) {
  Int128 unscaled = 0;
  const bool negative = unscaled_digits[0] == '-';
  for (size_t i = negative ? 1 : 0; i < unscaled_digits.size(); ++i) {
    unscaled = unscaled * 10 + (unscaled_digits[i] - '0');
  }
  return Value::Decimal({negative ? -unscaled : unscaled, scale});
}

/// Resolves `name` for `types` in `registry` and fails the test when it does not resolve.
inline ResolvedScalarFunction ResolveOrFail(
    const std::string& name,
    const std::vector<SqlTypePtr>& types,
    const FunctionRegistry& registry = FunctionRegistry::BuiltIn()) {
  auto resolved = registry.Resolve(name, types);
  REQUIRE_MESSAGE(resolved.has_value(), name << " does not resolve");
  return *resolved;
}

/// Calls `name` with `arguments` of the given `types`, which must be the types the resolution
/// chose for the parameters (the tests pass values the evaluator would have cast already).
inline Value Call(const std::string& name,
                  const std::vector<SqlTypePtr>& types,
                  const ValueList& arguments,
                  const FunctionRegistry& registry = FunctionRegistry::BuiltIn()) {
  const ResolvedScalarFunction resolved = ResolveOrFail(name, types, registry);
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i]) {
      REQUIRE_MESSAGE(
          SameType(types[i], resolved.parameter_types[i]),
          name << " argument " << i << " resolves to " << resolved.parameter_types[i]->ToString());
    }
  }
  return resolved.body(arguments);
}

/// Returns the return type `name` resolves to for `types`.
inline std::string ReturnType(const std::string& name, const std::vector<SqlTypePtr>& types) {
  return ResolveOrFail(name, types).return_type->ToString();
}

}  // namespace fluxo::functions::testing
