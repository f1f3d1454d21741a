// The test functions of ksqlDB's QTT corpus (group-by.json, partition-by.json,
// case-expression.json).
#include <doctest/doctest.h>

#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

const FunctionRegistry& TestRegistry() {
  return FunctionRegistry::WithConformanceTestFunctions();
}

}  // namespace

TEST_CASE("the test functions are not built in") {
  for (const char* name : {"BAD_UDF", "WHENCONDITION", "WHENRESULT"}) {
    CHECK_FALSE(FunctionRegistry::BuiltIn().Contains(name));
    CHECK(TestRegistry().Contains(name));
  }
  CHECK(TestRegistry().Contains("SUBSTRING"));
}

TEST_CASE("BAD_UDF on a STRING returns NULL every other call, per call site") {
  const ResolvedScalarFunction first = ResolveOrFail("BAD_UDF", {kString}, TestRegistry());
  CHECK(first.body({S("d1")}) == Null());
  CHECK(first.body({S("d2")}) == S("d2"));
  CHECK(first.body({S("d1")}) == Null());
  CHECK(first.body({S("d2")}) == S("d2"));
  const ResolvedScalarFunction second = ResolveOrFail("BAD_UDF", {kString}, TestRegistry());
  CHECK(second.body({S("d1")}) == Null());
}

TEST_CASE("BAD_UDF fails for an INT and for TRUE") {
  CHECK_THROWS_AS(Call("BAD_UDF", {kInt}, {I(1)}, TestRegistry()), Error);
  CHECK_THROWS_AS(Call("BAD_UDF", {kBoolean}, {B(true)}, TestRegistry()), Error);
  CHECK(Call("BAD_UDF", {kBoolean}, {B(false)}, TestRegistry()) == I(0));
  CHECK(Call("BAD_UDF", {kBoolean}, {Null()}, TestRegistry()) == Null());
}

TEST_CASE("WHENCONDITION and WHENRESULT fail when asked to") {
  CHECK(Call("WHENCONDITION", {kBoolean, kBoolean}, {B(true), B(true)}, TestRegistry()) == B(true));
  CHECK(Call("WHENRESULT", {kInt, kBoolean}, {I(100), B(true)}, TestRegistry()) == I(100));
  CHECK_THROWS_AS(Call("WHENCONDITION", {kBoolean, kBoolean}, {B(true), B(false)}, TestRegistry()),
                  Error);
  CHECK_THROWS_AS(Call("WHENRESULT", {kInt, kBoolean}, {I(200), B(false)}, TestRegistry()), Error);
  CHECK(Call("WHENRESULT", {kInt, kBoolean}, {Null(), B(true)}, TestRegistry()) == Null());
}

}  // namespace fluxo::functions::testing
