// Owned by the functions module; see runtime/functions.
#pragma once

#include <cstddef>
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
/// Throws fluxo::Error of kind kExecution for a failure on this row (a bad pattern, an
/// unparseable date), never for a NULL argument. The caller logs the failure and decides what
/// it means; in ksqlDB's vectors a failing SELECT or PARTITION BY expression becomes NULL
/// (null.json "coalesce - with parse_date", partition-by.json "should handle PARTITION BY
/// that throws") and a row whose GROUP BY expression fails is dropped.
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
  std::string category;     ///< "STRING", "MATHEMATICAL", "CONDITIONAL", "DATE / TIME", ...
  std::string description;  ///< One sentence.
  std::vector<std::string>
      signatures;  ///< e.g. "SUBSTRING(STRING str, INT pos, INT len) -> STRING"
};

/// The scalar functions Fluxo knows, resolved by name and argument types as ksqlDB does:
/// an exact match first, then one reachable by implicit widening (INT -> BIGINT -> DECIMAL ->
/// DOUBLE); a NULL literal argument (type nullptr) fits any parameter.
///
/// When several overloads fit in the same round, the choice follows ksqlDB's `UdfIndex`: a
/// fixed-arity overload beats a variadic one, then more declared parameters win, then fewer
/// generic parameters. Where ksqlDB would report an ambiguous call, Fluxo takes the overload
/// with the cheapest widening (fewest steps along INT -> BIGINT -> DECIMAL -> DOUBLE), then
/// the one registered first.
class FunctionRegistry {
 public:
  /// Returns the registry of built-in functions (built once, thread-safe).
  static const FunctionRegistry& BuiltIn();

  /// Returns the built-in functions plus the test functions that ksqlDB's query-validation
  /// tests load (BAD_UDF, WHENCONDITION, WHENRESULT); only the conformance runner uses it.
  static const FunctionRegistry& WithConformanceTestFunctions();

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
    std::string signature;           ///< For DESCRIBE FUNCTION.
    bool variadic = false;           ///< The last declared parameter takes any number of arguments.
    size_t declared_parameters = 0;  ///< Parameters in the signature (a variadic one counts 1).
    int generic_parameters = 0;      ///< Declared parameters whose type mentions a generic.
    /// When set, called once per resolution to make the body, so that a function with
    /// per-call-site state (BAD_UDF counts its calls) gets a fresh one for every call site.
    std::function<ScalarFunctionBody()> make_body;
  };

  /// Adds a function (used while building the built-in registry). Adding a name that exists
  /// appends the overloads and signatures to it.
  void Add(FunctionDescription description, std::vector<Overload> overloads);

 private:
  struct Entry {
    FunctionDescription description;
    std::vector<Overload> overloads;
  };

  std::map<std::string, Entry> functions_;
};

}  // namespace fluxo::functions
