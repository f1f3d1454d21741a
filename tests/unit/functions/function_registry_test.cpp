#include "runtime/functions/function_registry.h"

#include <algorithm>
#include <set>

#include <doctest/doctest.h>

#include "runtime/functions/function_signature.h"
#include "tests/unit/functions/function_call.h"

namespace fluxo::functions::testing {

namespace {

std::string Types(const std::vector<SqlTypePtr>& types) {
  std::string text;
  for (const SqlTypePtr& type : types) {
    text += (text.empty() ? "" : ", ") + type->ToString();
  }
  return text;
}

/// A registry with one function F whose overloads answer with their own signature.
FunctionRegistry RegistryOf(const std::vector<std::string>& signatures) {
  std::vector<FunctionRegistry::Overload> overloads;
  for (const std::string& signature : signatures) {
    overloads.push_back(MakeOverload(
        signature,
        [signature](const ValueList&) { return Value::String(signature); },
        NullPolicy::kCalledOnNullInput));
  }
  FunctionRegistry registry;
  registry.Add({"F", "OTHER", "A test function.", {}}, std::move(overloads));
  return registry;
}

std::string Chosen(const FunctionRegistry& registry, const std::vector<SqlTypePtr>& types) {
  const auto resolved = registry.Resolve("F", types);
  return resolved ? resolved->body({}).AsString() : "none";
}

}  // namespace

TEST_CASE("unknown functions and arities do not resolve") {
  const FunctionRegistry& registry = FunctionRegistry::BuiltIn();
  CHECK_FALSE(registry.Resolve("WONT_FIND_ME", {kInt}).has_value());
  CHECK_FALSE(registry.Contains("WONT_FIND_ME"));
  CHECK_FALSE(registry.Describe("WONT_FIND_ME").has_value());
  CHECK_FALSE(registry.Resolve("SUBSTRING", {kString}).has_value());
  CHECK_FALSE(registry.Resolve("LEN", {kInt}).has_value());
  CHECK_FALSE(registry.Resolve("SQRT", {kString}).has_value());
}

TEST_CASE("names are matched without regard to case") {
  CHECK(FunctionRegistry::BuiltIn().Contains("substring"));
  const auto resolved = FunctionRegistry::BuiltIn().Resolve("Substring", {kString, kInt});
  REQUIRE(resolved.has_value());
  CHECK(resolved->name == "SUBSTRING");
}

TEST_CASE("an exact overload wins over widening") {
  CHECK(ReturnType("ABS", {kInt}) == "INTEGER");
  CHECK(ReturnType("ABS", {kBigint}) == "BIGINT");
  CHECK(ReturnType("ABS", {kDouble}) == "DOUBLE");
  CHECK(ReturnType("ABS", {SqlType::Decimal(4, 2)}) == "DECIMAL(4, 2)");
}

TEST_CASE("arguments widen along INT -> BIGINT -> DECIMAL -> DOUBLE") {
  const auto sqrt = ResolveOrFail("SQRT", {SqlType::Decimal(4, 2)});
  CHECK(Types(sqrt.parameter_types) == "DOUBLE");
  const auto sign = ResolveOrFail("SIGN", {SqlType::Decimal(4, 2)});
  CHECK(Types(sign.parameter_types) == "DOUBLE");
  CHECK(sign.return_type->ToString() == "INTEGER");
  const auto instr = ResolveOrFail("SUBSTRING", {kString, kInt});
  CHECK(Types(instr.parameter_types) == "STRING, INTEGER");
  CHECK_FALSE(FunctionRegistry::BuiltIn().Resolve("SUBSTRING", {kString, kBigint}).has_value());
  // No INT overload with decimal places: DECIMAL is fewer steps away than DOUBLE.
  const auto round = ResolveOrFail("ROUND", {kInt, kInt});
  CHECK(Types(round.parameter_types) == "DECIMAL(10, 0), INTEGER");
  const auto round_bigint = ResolveOrFail("ROUND", {kBigint, kInt});
  CHECK(Types(round_bigint.parameter_types) == "DECIMAL(19, 0), INTEGER");
}

TEST_CASE("a NULL literal fits any parameter") {
  const auto substring = ResolveOrFail("SUBSTRING", {kString, kNullLiteral});
  CHECK(Types(substring.parameter_types) == "STRING, INTEGER");
  CHECK(substring.return_type->ToString() == "STRING");
  const auto bytes = ResolveOrFail("SUBSTRING", {kBytes, kNullLiteral, kNullLiteral});
  CHECK(bytes.return_type->ToString() == "BYTES");
  const auto replace = ResolveOrFail("REPLACE", {kString, kNullLiteral, kString});
  CHECK(Types(replace.parameter_types) == "STRING, STRING, STRING");
  // A generic bound by another argument takes that type.
  const auto ifnull = ResolveOrFail("IFNULL", {kNullLiteral, kString});
  CHECK(Types(ifnull.parameter_types) == "STRING, STRING");
  // Nothing binds T: the type cannot be known.
  CHECK_FALSE(FunctionRegistry::BuiltIn().Resolve("AS_VALUE", {kNullLiteral}).has_value());
}

TEST_CASE("variadic parameters take zero or more arguments") {
  CHECK(ResolveOrFail("CONCAT", {}).return_type->ToString() == "STRING");
  CHECK(ResolveOrFail("CONCAT", {kString}).parameter_types.size() == 1);
  CHECK(ResolveOrFail("CONCAT", {kString, kString, kString}).parameter_types.size() == 3);
  CHECK(ResolveOrFail("COALESCE", {kInt}).return_type->ToString() == "INTEGER");
  CHECK_FALSE(FunctionRegistry::BuiltIn().Resolve("COALESCE", {}).has_value());
}

TEST_CASE("overloads are ranked as ksqlDB's UdfIndex ranks them") {
  // A fixed arity beats a variadic overload.
  CHECK(Chosen(RegistryOf({"F(STRING... a) -> STRING", "F(STRING a, STRING b) -> STRING"}),
               {kString, kString}) == "F(STRING a, STRING b) -> STRING");
  // More declared parameters win between variadic ones.
  CHECK(Chosen(RegistryOf({"F(STRING... a) -> STRING", "F(STRING a, STRING... b) -> STRING"}),
               {kString, kString}) == "F(STRING a, STRING... b) -> STRING");
  // Fewer generics win.
  CHECK(Chosen(RegistryOf({"F(T a) -> T", "F(STRING a) -> STRING"}), {kString}) ==
        "F(STRING a) -> STRING");
  // Exact matches are looked for before widening ones.
  CHECK(Chosen(RegistryOf({"F(DOUBLE a) -> DOUBLE", "F(T a) -> T"}), {kInt}) == "F(T a) -> T");
  // Among widening matches, the fewest steps win, then the first registered.
  CHECK(Chosen(RegistryOf({"F(DOUBLE a) -> DOUBLE", "F(BIGINT a) -> BIGINT"}), {kInt}) ==
        "F(BIGINT a) -> BIGINT");
  CHECK(Chosen(RegistryOf({"F(BIGINT a) -> BIGINT", "F(INT a) -> INT"}), {kNullLiteral}) ==
        "F(BIGINT a) -> BIGINT");
  CHECK(Chosen(RegistryOf({"F(BIGINT a) -> BIGINT"}), {kDouble}) == "none");
}

TEST_CASE("generic parameters meet at a common type") {
  const FunctionRegistry registry = RegistryOf({"F(ARRAY<T> a, MAP<STRING, T> b) -> T"});
  const auto resolved =
      registry.Resolve("F", {SqlType::Array(kInt), SqlType::Map(kString, SqlType::Decimal(5, 2))});
  REQUIRE(resolved.has_value());
  CHECK(Types(resolved->parameter_types) == "ARRAY<DECIMAL(12, 2)>, MAP<STRING, DECIMAL(12, 2)>");
  CHECK(resolved->return_type->ToString() == "DECIMAL(12, 2)");
  CHECK_FALSE(
      registry.Resolve("F", {SqlType::Array(kInt), SqlType::Map(kString, kString)}).has_value());
  CHECK_FALSE(registry.Resolve("F", {SqlType::Array(kInt), SqlType::Map(kInt, kInt)}).has_value());
}

TEST_CASE("List and Describe show every function with its signatures") {
  const std::vector<FunctionDescription> functions = FunctionRegistry::BuiltIn().List();
  CHECK(std::is_sorted(
      functions.begin(),
      functions.end(),
      [](const FunctionDescription& a, const FunctionDescription& b) { return a.name < b.name; }));
  const std::set<std::string> categories = {"MATHEMATICAL",
                                            "STRING",
                                            "REGULAR EXPRESSION",
                                            "CONDITIONAL",
                                            "DATE / TIME",
                                            "ARRAY",
                                            "MAP",
                                            "JSON",
                                            "OTHER"};
  for (const FunctionDescription& function : functions) {
    CAPTURE(function.name);
    CHECK(categories.count(function.category) == 1);
    CHECK(function.description.size() > 10);
    CHECK(function.description.back() == '.');
    REQUIRE_FALSE(function.signatures.empty());
    for (const std::string& signature : function.signatures) {
      CHECK(signature.rfind(function.name + "(", 0) == 0);
    }
  }
  const auto substring = FunctionRegistry::BuiltIn().Describe("SUBSTRING");
  REQUIRE(substring.has_value());
  CHECK(substring->category == "STRING");
  CHECK(substring->signatures.size() == 4);
  CHECK(substring->signatures[2] == "SUBSTRING(BYTES bytes, INT pos) -> BYTES");
  CHECK(FunctionRegistry::BuiltIn().Describe("LOG")->signatures.size() == 6);
}

TEST_CASE("every scalar function of the QTT corpus is built in") {
  const char* const corpus[] = {"ABS",
                                "ACOS",
                                "AS_VALUE",
                                "ASIN",
                                "ATAN",
                                "ATAN2",
                                "CBRT",
                                "CEIL",
                                "COALESCE",
                                "CONCAT",
                                "CONCAT_WS",
                                "COS",
                                "COSH",
                                "COT",
                                "DEGREES",
                                "EXP",
                                "FLOOR",
                                "IFNULL",
                                "INITCAP",
                                "INSTR",
                                "LCASE",
                                "LEN",
                                "LN",
                                "LOG",
                                "NULLIF",
                                "PARSE_DATE",
                                "PI",
                                "POWER",
                                "RADIANS",
                                "REGEXP_REPLACE",
                                "REGEXP_SPLIT_TO_ARRAY",
                                "REPLACE",
                                "ROUND",
                                "SIGN",
                                "SIN",
                                "SINH",
                                "SPLIT",
                                "SQRT",
                                "SUBSTRING",
                                "TAN",
                                "TANH",
                                "TO_BYTES",
                                "TRIM",
                                "TRUNC",
                                "UCASE"};
  for (const char* name : corpus) {
    CAPTURE(name);
    CHECK(FunctionRegistry::BuiltIn().Contains(name));
  }
}

}  // namespace fluxo::functions::testing
