#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"

/// The functions that work on values of any type: the CONDITIONAL ones that choose between
/// NULL and a value, and AS_VALUE.
namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "CONDITIONAL";

Value FirstNonNull(const ValueList& args) {
  for (const Value& arg : args) {
    if (!arg.IsNull()) {
      return arg;
    }
  }
  return Value::Null();
}

}  // namespace

void RegisterNullFunctions(FunctionRegistry& registry) {
  registry.Add(
      {"COALESCE", kCategory, "Returns the first argument that is not NULL.", {}},
      {MakeOverload(
          "COALESCE(T first, T... others) -> T", FirstNonNull, NullPolicy::kCalledOnNullInput)});
  registry.Add(
      {"IFNULL",
       kCategory,
       "Returns the expression when it is not NULL, otherwise the alternative value.",
       {}},
      {MakeOverload(
          "IFNULL(T expression, T altValue) -> T", FirstNonNull, NullPolicy::kCalledOnNullInput)});
  registry.Add({"NULLIF",
                kCategory,
                "Returns NULL when both arguments are equal, otherwise the first argument.",
                {}},
               {MakeOverload(
                   "NULLIF(T expr1, T expr2) -> T",
                   [](const ValueList& args) {
                     return args[0].IsNull() || args[0] == args[1] ? Value::Null() : args[0];
                   },
                   NullPolicy::kCalledOnNullInput)});
  registry.Add({"AS_VALUE",
                "OTHER",
                "Returns its argument; used in a projection to copy a key column into the "
                "value.",
                {}},
               {MakeOverload(
                   "AS_VALUE(T keyColumn) -> T",
                   [](const ValueList& args) { return args[0]; },
                   NullPolicy::kCalledOnNullInput)});
}

}  // namespace fluxo::functions
