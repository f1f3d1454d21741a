#include "runtime/aggregates/aggregate_registry.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/unit/aggregates/aggregate_test_support.h"

namespace fluxo::aggregates::testing {

TEST_CASE("aggregates are found by name in any case") {
  const AggregateRegistry& registry = AggregateRegistry::BuiltIn();
  CHECK(registry.Contains("COUNT"));
  CHECK(registry.Contains("count"));
  CHECK(registry.Contains("Latest_By_Offset"));
  CHECK_FALSE(registry.Contains("WONT_FIND_ME"));
  CHECK_FALSE(registry.Contains("SUBSTRING"));  // a scalar function
  CHECK(Make("tOpK", {Column(SqlType::Int()), Literal(SqlType::Int(), I(2))})->name() == "TOPK");
}

TEST_CASE("an unknown aggregate is a binding error worded like ksqlDB's") {
  try {
    Make("wont_find_me", {});
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kBinding);
    CHECK(error.message() == "Can't find any functions with the name 'WONT_FIND_ME'");
  }
}

TEST_CASE("arguments that fit no variant are a type error") {
  try {
    Make("SUM", {Column(SqlType::String())});
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kType);
  }
  CHECK(CreateError("SUM", {Column(nullptr)}) ==
        "Function 'SUM' does not accept parameters (NULL)");
}

TEST_CASE("the list for SHOW FUNCTIONS has every aggregate, sorted") {
  std::vector<std::string> names;
  for (const functions::FunctionDescription& description : AggregateRegistry::BuiltIn().List()) {
    names.push_back(description.name);
    CHECK(description.category == "AGGREGATE");
    CHECK_FALSE(description.description.empty());
    CHECK_FALSE(description.signatures.empty());
  }
  CHECK(names == std::vector<std::string>{"AVG",
                                          "COLLECT_LIST",
                                          "COLLECT_SET",
                                          "COUNT",
                                          "COUNT_DISTINCT",
                                          "EARLIEST_BY_OFFSET",
                                          "HISTOGRAM",
                                          "LATEST_BY_OFFSET",
                                          "MAX",
                                          "MIN",
                                          "SUM",
                                          "SUM_LIST",
                                          "TOPK",
                                          "TOPKDISTINCT"});
}

TEST_CASE("DESCRIBE FUNCTION finds an aggregate in any case") {
  auto described = AggregateRegistry::BuiltIn().Describe("sum");
  REQUIRE(described.has_value());
  CHECK(described->name == "SUM");
  CHECK(described->signatures == std::vector<std::string>{"SUM(INT val) -> INT",
                                                          "SUM(BIGINT val) -> BIGINT",
                                                          "SUM(DOUBLE val) -> DOUBLE",
                                                          "SUM(DECIMAL val) -> DECIMAL"});
  CHECK_FALSE(AggregateRegistry::BuiltIn().Describe("nope").has_value());
}

TEST_CASE("only ksqlDB's table aggregates support undo") {
  const SqlTypePtr integer = SqlType::Int();
  const AggregateArgument k = Literal(SqlType::Int(), I(2));
  CHECK(Make("COUNT", {})->SupportsUndo());
  CHECK(Make("SUM", {Column(integer)})->SupportsUndo());
  CHECK(Make("SUM_LIST", {Column(SqlType::Array(integer))})->SupportsUndo());
  CHECK(Make("AVG", {Column(integer)})->SupportsUndo());
  CHECK(Make("COLLECT_LIST", {Column(integer)})->SupportsUndo());
  CHECK(Make("HISTOGRAM", {Column(SqlType::String())})->SupportsUndo());
  CHECK_FALSE(Make("MIN", {Column(integer)})->SupportsUndo());
  CHECK_FALSE(Make("MAX", {Column(integer)})->SupportsUndo());
  CHECK_FALSE(Make("COLLECT_SET", {Column(integer)})->SupportsUndo());
  CHECK_FALSE(Make("COUNT_DISTINCT", {Column(integer)})->SupportsUndo());
  CHECK_FALSE(Make("LATEST_BY_OFFSET", {Column(integer)})->SupportsUndo());
  CHECK_FALSE(Make("EARLIEST_BY_OFFSET", {Column(integer)})->SupportsUndo());
  CHECK_FALSE(Make("TOPK", {Column(integer), k})->SupportsUndo());
  CHECK_FALSE(Make("TOPKDISTINCT", {Column(integer), k})->SupportsUndo());
}

TEST_CASE("a registry can be extended") {
  AggregateRegistry registry;
  registry.Add({"my_count", "", "Counts.", {"MY_COUNT() -> BIGINT"}},
               [](const std::vector<AggregateArgument>& arguments,
                  const AggregateConfig& config) -> std::shared_ptr<const AggregateFunction> {
                 return AggregateRegistry::BuiltIn().Create("COUNT", arguments, config);
               });
  CHECK(registry.Contains("MY_COUNT"));
  CHECK(registry.Describe("my_count")->category == "AGGREGATE");
  CHECK(registry.Create("my_count", {})->Initial() == L(0));
}

}  // namespace fluxo::aggregates::testing
