#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::functions {

/// Computes a scalar function from its evaluated arguments, each already cast to the
/// parameter type the resolution chose. Returns a Value of the resolved return type (or NULL).
/// Throws fluxo::Error of kind kExecution for a failure on this row (the record is skipped
/// and logged), never for a NULL argument.
using ScalarFunctionBody = std::function<Value(const ValueList& arguments)>;

/// A function call resolved for concrete argument types.
struct ResolvedScalarFunction {
  std::string name;
  SqlTypePtr return_type;
  std::vector<SqlTypePtr> parameter_types;  ///< One per argument: what it is cast to first.
  ScalarFunctionBody body;
};

/// What SHOW FUNCTIONS and DESCRIBE FUNCTION print for one function.
struct FunctionDescription {
  std::string name;
  std::string category;     ///< "STRING", "MATHEMATICAL", "NULL", "DATE / TIME", ...
  std::string description;  ///< One sentence.
  std::vector<std::string>
      signatures;  ///< e.g. "SUBSTRING(STRING str, INT pos, INT len) -> STRING"
};

/// The scalar functions Fluxo knows, resolved by name and argument types as ksqlDB does:
/// an exact match first, then one reachable by implicit widening (INT -> BIGINT -> DECIMAL ->
/// DOUBLE); a NULL literal argument (type nullptr) fits any parameter.
class FunctionRegistry {
 public:
  /// Returns the registry of built-in functions (built once, thread-safe).
  static const FunctionRegistry& BuiltIn();

  /// Resolves `name` (upper case) for `argument_types`, or nothing when no overload fits.
  std::optional<ResolvedScalarFunction> Resolve(
      const std::string& name, const std::vector<SqlTypePtr>& argument_types) const;

  /// Returns true when a scalar function called `name` (upper case) exists.
  bool Contains(const std::string& name) const;

  /// Returns every function, sorted by name.
  std::vector<FunctionDescription> List() const;

  /// Returns the description of `name` (upper case), or nothing.
  std::optional<FunctionDescription> Describe(const std::string& name) const;

  /// One way to call a function: a parameter list and how to compute it. A `resolve`
  /// callback handles generic signatures (ARRAY<T>, any numeric): given the argument types it
  /// returns the parameter and return types, or nothing when they do not fit.
  struct Overload {
    std::function<std::optional<std::pair<std::vector<SqlTypePtr>, SqlTypePtr>>(
        const std::vector<SqlTypePtr>& argument_types)>
        resolve;
    ScalarFunctionBody body;
    std::string signature;  ///< For DESCRIBE FUNCTION.
  };

  /// Adds a function (used while building the built-in registry).
  void Add(FunctionDescription description, std::vector<Overload> overloads);

 private:
  struct Entry {
    FunctionDescription description;
    std::vector<Overload> overloads;
  };

  std::map<std::string, Entry> functions_;
};

}  // namespace fluxo::functions
