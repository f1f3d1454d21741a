#include <algorithm>
#include <cstdint>

#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"

namespace fluxo::functions {

namespace {

constexpr const char* kArrayCategory = "ARRAY";
constexpr const char* kMapCategory = "MAP";

/// SLICE: 1-based and inclusive; a NULL bound is the array's start or end; bounds outside the
/// array give NULL (Java's List.subList throws there).
Value Slice(const ValueList& args) {
  if (args[0].IsNull()) {
    return Value::Null();
  }
  const ValueList& elements = args[0].AsList();
  const int64_t start = args[1].IsNull() ? 0 : int64_t{args[1].AsInt32()} - 1;
  const int64_t end =
      args[2].IsNull() ? static_cast<int64_t>(elements.size()) : int64_t{args[2].AsInt32()};
  if (start < 0 || end > static_cast<int64_t>(elements.size()) || start > end) {
    return Value::Null();
  }
  return Value::List(ValueList(elements.begin() + start, elements.begin() + end));
}

}  // namespace

void RegisterCollectionFunctions(FunctionRegistry& registry) {
  registry.Add({"ARRAY_LENGTH", kArrayCategory, "Returns the number of elements of an array.", {}},
               {MakeOverload("ARRAY_LENGTH(ARRAY<T> array) -> INT", [](const ValueList& args) {
                 return Value::Int32(static_cast<int32_t>(args[0].AsList().size()));
               })});
  registry.Add({"ARRAY_CONTAINS",
                kArrayCategory,
                "Returns true when the array is not NULL and contains the value.",
                {}},
               {MakeOverload(
                   "ARRAY_CONTAINS(ARRAY<T> array, T value) -> BOOLEAN",
                   [](const ValueList& args) {
                     if (args[0].IsNull()) {
                       return Value::Boolean(false);
                     }
                     const ValueList& elements = args[0].AsList();
                     return Value::Boolean(std::find(elements.begin(), elements.end(), args[1]) !=
                                           elements.end());
                   },
                   NullPolicy::kCalledOnNullInput)});
  registry.Add(
      {"ARRAY_DISTINCT",
       kArrayCategory,
       "Returns the distinct elements of an array, in the order they first appear.",
       {}},
      {MakeOverload("ARRAY_DISTINCT(ARRAY<T> array) -> ARRAY<T>", [](const ValueList& args) {
        ValueList distinct;
        for (const Value& element : args[0].AsList()) {
          if (std::find(distinct.begin(), distinct.end(), element) == distinct.end()) {
            distinct.push_back(element);
          }
        }
        return Value::List(std::move(distinct));
      })});
  registry.Add({"SLICE",
                kArrayCategory,
                "Returns the elements of an array from a 1-based start to an end position, both "
                "included.",
                {}},
               {MakeOverload("SLICE(ARRAY<T> array, INT start, INT end) -> ARRAY<T>",
                             Slice,
                             NullPolicy::kCalledOnNullInput)});
  registry.Add(
      {"MAP_KEYS", kMapCategory, "Returns the keys of a map as an array.", {}},
      {MakeOverload("MAP_KEYS(MAP<STRING, T> map) -> ARRAY<STRING>", [](const ValueList& args) {
        ValueList keys;
        for (const auto& [key, value] : args[0].AsPairs()) {
          keys.push_back(key);
        }
        return Value::List(std::move(keys));
      })});
  registry.Add(
      {"MAP_VALUES", kMapCategory, "Returns the values of a map as an array.", {}},
      {MakeOverload("MAP_VALUES(MAP<STRING, T> map) -> ARRAY<T>", [](const ValueList& args) {
        ValueList values;
        for (const auto& [key, value] : args[0].AsPairs()) {
          values.push_back(value);
        }
        return Value::List(std::move(values));
      })});
}

}  // namespace fluxo::functions
