#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runtime/functions/function_registry.h"

namespace fluxo::functions {

/// How a function body sees NULL arguments.
enum class NullPolicy {
  kNullOnNullInput,    ///< Any NULL argument gives NULL without calling the body.
  kCalledOnNullInput,  ///< The body is called with NULL arguments and decides.
};

/// Computes the return type from the resolved parameter types (for DECIMAL results, whose
/// precision and scale follow the argument's); nullptr rejects the call.
using ReturnTypeRule = std::function<SqlTypePtr(const std::vector<SqlTypePtr>& parameter_types)>;

/// Builds an overload from its signature text, which is also what DESCRIBE FUNCTION prints:
///
///   "SUBSTRING(STRING str, INT pos, INT len) -> STRING"
///   "COALESCE(T first, T... others) -> T"
///
/// Parameter and return types are BOOLEAN, INT, BIGINT, DOUBLE, STRING, BYTES, DATE, TIME,
/// TIMESTAMP, DECIMAL (any precision and scale: an INT or BIGINT argument widens to
/// DECIMAL(10, 0) or DECIMAL(19, 0)), a generic (a single capital letter such as T, bound to
/// the type of the arguments it stands for, which must widen to a common type), ARRAY<t> and
/// MAP<STRING, t>. "t... name" makes the last parameter variadic (zero or more arguments).
/// A DECIMAL result needs `return_rule`. Malformed text is a bug and throws kInternal.
FunctionRegistry::Overload MakeOverload(const std::string& signature,
                                        ScalarFunctionBody body,
                                        NullPolicy null_policy = NullPolicy::kNullOnNullInput,
                                        ReturnTypeRule return_rule = nullptr);

}  // namespace fluxo::functions
