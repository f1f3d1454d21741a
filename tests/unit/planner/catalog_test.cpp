#include "planner/catalog/catalog.h"

#include <string>

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

SourceDescription Source(const std::string& name, SourceType type) {
  SourceDescription source;
  source.name = name;
  source.type = type;
  source.topic = name;
  return source;
}

std::string ErrorOf(const auto& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.message();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("catalog: CREATE, OR REPLACE, IF NOT EXISTS and DROP follow ksqlDB") {
    Catalog catalog;
    CHECK(catalog.AddSource(Source("PAGEVIEWS", SourceType::kStream), false, false));
    CHECK(ErrorOf([&] {
            catalog.AddSource(Source("PAGEVIEWS", SourceType::kStream), false, false);
          }) == "Cannot add STREAM 'PAGEVIEWS': A STREAM with the same name already exists");
    CHECK_FALSE(catalog.AddSource(Source("PAGEVIEWS", SourceType::kStream), false, true));
    CHECK(catalog.AddSource(Source("PAGEVIEWS", SourceType::kStream), true, false));
    CHECK(ErrorOf([&] {
            catalog.AddSource(Source("PAGEVIEWS", SourceType::kTable), true, false);
          }) == "Cannot replace STREAM 'PAGEVIEWS' with a TABLE");
    CHECK(catalog.AddSource(Source("USERS", SourceType::kTable), false, false));
    REQUIRE(catalog.ListSources(SourceType::kStream).size() == 1);
    CHECK(catalog.ListSources(SourceType::kTable)[0]->name == "USERS");

    CHECK(ErrorOf([&] { catalog.DropSource("PAGEVIEW", false); }) ==
          "Source PAGEVIEW does not exist. Did you mean PAGEVIEWS?");
    CHECK_FALSE(catalog.DropSource("NOPE", true));
    CHECK(catalog.DropSource("PAGEVIEWS", false));
    CHECK(catalog.FindSource("PAGEVIEWS") == nullptr);
  }

  TEST_CASE("catalog: named types") {
    Catalog catalog;
    CHECK(catalog.AddType("ADDRESS", SqlType::Struct({{"CITY", SqlType::String()}}), false));
    CHECK(ErrorOf([&] { catalog.AddType("ADDRESS", SqlType::Int(), false); }) ==
          "Cannot register custom type 'ADDRESS' since it is already registered with type: "
          "STRUCT<`CITY` STRING>");
    CHECK(catalog.FindType("ADDRESS")->kind() == TypeKind::kStruct);
    CHECK(catalog.DropType("ADDRESS", false));
    CHECK(ErrorOf([&] { catalog.DropType("ADDRESS", false); }) == "Type ADDRESS does not exist.");
  }

  TEST_CASE("name distance ignores case and counts edits") {
    CHECK(NameDistance("PRICE", "price") == 0);
    CHECK(NameDistance("PRICEE", "PRICE") == 1);
    CHECK(NameDistance("PRCIE", "PRICE") == 2);
    CHECK(NameDistance("", "ABC") == 3);
  }
}

}  // namespace fluxo::planner
