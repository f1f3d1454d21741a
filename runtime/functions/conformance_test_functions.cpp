#include <cstdint>
#include <memory>

#include "runtime/core/error.h"
#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"

/// The functions that ksqlDB's query-validation tests load from their own jar. They exist to
/// test how queries handle functions that fail or return NULL, and are only registered in
/// FunctionRegistry::WithConformanceTestFunctions().
namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "OTHER";

/// A body that fails when its second (BOOLEAN) argument is false and returns the first.
Value FirstUnlessSecondIsFalse(const ValueList& args) {
  if (!args[1].AsBoolean()) {
    throw Error(ErrorKind::kExecution, "Test function asked to fail");
  }
  return args[0];
}

}  // namespace

void RegisterConformanceTestFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Overload returns_null_every_other_call =
      MakeOverload("BAD_UDF(STRING arg) -> STRING", nullptr, NullPolicy::kCalledOnNullInput);
  // Each call site counts its own calls, as each ksqlDB query has its own function instance.
  returns_null_every_other_call.make_body = [] {
    auto calls = std::make_shared<int64_t>(0);
    return [calls](const ValueList& args) { return (*calls)++ % 2 == 0 ? Value::Null() : args[0]; };
  };
  registry.Add({"BAD_UDF",
                kCategory,
                "Test function: fails for an INT, fails for TRUE, returns NULL every other call "
                "for a STRING.",
                {}},
               {
                   MakeOverload("BAD_UDF(INT arg) -> STRING",
                                [](const ValueList&) -> Value {
                                  throw Error(ErrorKind::kExecution, "boom!");
                                }),
                   MakeOverload("BAD_UDF(BOOLEAN arg) -> INT",
                                [](const ValueList& args) {
                                  if (args[0].AsBoolean()) {
                                    throw Error(ErrorKind::kExecution, "You asked me to throw...");
                                  }
                                  return Value::Int32(0);
                                }),
                   std::move(returns_null_every_other_call),
               });
  registry.Add({"WHENCONDITION",
                kCategory,
                "Test function: returns the first argument, fails when the second is false.",
                {}},
               {MakeOverload("WHENCONDITION(BOOLEAN value, BOOLEAN succeed) -> BOOLEAN",
                             FirstUnlessSecondIsFalse)});
  registry.Add(
      {"WHENRESULT",
       kCategory,
       "Test function: returns the first argument, fails when the second is false.",
       {}},
      {MakeOverload("WHENRESULT(INT value, BOOLEAN succeed) -> INT", FirstUnlessSecondIsFalse)});
}

}  // namespace fluxo::functions
