#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/aggregates/aggregate_function.h"
#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"
#include "runtime/functions/function_registry.h"

namespace fluxo::aggregates {

/// Settings that shape aggregate functions, taken from the query's properties. A negative
/// limit means no limit, which is also ksqlDB's default when the property is not set.
struct AggregateConfig {
  /// `ksql.functions.collect_list.limit`: COLLECT_LIST keeps at most this many values and
  /// silently ignores later ones.
  int64_t collect_list_limit = -1;
  /// `ksql.functions.collect_set.limit`: COLLECT_SET keeps at most this many values.
  int64_t collect_set_limit = -1;
};

/// One argument of an aggregate call as the binder sees it.
struct AggregateArgument {
  SqlTypePtr type;               ///< nullptr for a NULL literal.
  std::optional<Value> literal;  ///< The value when the argument is a literal.
};

/// Makes a function for concrete arguments, or returns nullptr when they do not fit this
/// function (the registry then reports ksqlDB's "does not accept parameters" error). May
/// throw fluxo::Error(kType) for a more specific complaint (a non-literal k for TOPK).
using AggregateFactory = std::function<std::shared_ptr<const AggregateFunction>(
    const std::vector<AggregateArgument>& arguments, const AggregateConfig& config)>;

/// The aggregate functions Fluxo knows (ksqlDB's UDAFs), looked up by name, case
/// insensitively. The binder calls Create for each aggregate call in a query to learn its
/// result type and how many arguments are evaluated per record; the operator calls it again
/// (or keeps the result) to aggregate.
class AggregateRegistry {
 public:
  /// Returns the registry of built-in aggregates (built once, thread-safe).
  static const AggregateRegistry& BuiltIn();

  /// Returns true when an aggregate called `name` (any case) exists.
  bool Contains(std::string_view name) const;

  /// Creates the aggregate `name` (any case) for a call with `arguments` (every argument of
  /// the call, literals included, in order). COUNT(*) and COUNT() pass no argument. Throws
  /// fluxo::Error: kBinding "Can't find any functions with the name 'X'" for an unknown
  /// name; kType "Function 'SUM' does not accept parameters (STRING)" when no variant fits,
  /// or a specific message for a literal argument that is missing or out of range.
  std::shared_ptr<const AggregateFunction> Create(std::string_view name,
                                                  const std::vector<AggregateArgument>& arguments,
                                                  const AggregateConfig& config = {}) const;

  /// Returns every aggregate for SHOW FUNCTIONS, sorted by name (category "AGGREGATE").
  std::vector<functions::FunctionDescription> List() const;

  /// Returns what DESCRIBE FUNCTION prints for `name` (any case), or nothing.
  std::optional<functions::FunctionDescription> Describe(std::string_view name) const;

  /// Adds an aggregate (used while building the built-in registry): its description (name in
  /// upper case, signatures, one sentence) and the factory that makes it.
  void Add(functions::FunctionDescription description, AggregateFactory factory);

 private:
  struct Entry {
    functions::FunctionDescription description;
    AggregateFactory factory;
  };

  const Entry* Find(std::string_view name) const;

  std::map<std::string, Entry> aggregates_;
};

}  // namespace fluxo::aggregates
