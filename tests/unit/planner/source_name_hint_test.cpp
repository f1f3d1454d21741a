#include "planner/binder/source_name_hint.h"

#include <string>

#include <doctest/doctest.h>

namespace fluxo::planner {

namespace {

Catalog WithSources(const std::vector<std::string>& names) {
  Catalog catalog;
  for (const std::string& name : names) {
    SourceDescription source;
    source.name = name;
    source.type = SourceType::kStream;
    source.topic = name;
    catalog.AddSource(source, false, false);
  }
  return catalog;
}

}  // namespace

// Expected texts from insert-into.json ("insert into source name with/without quotes").
TEST_CASE("SourceNameCaseHint names a source that differs only in case") {
  CHECK(SourceNameCaseHint(WithSources({"input"}), "INPUT") ==
        "\nDid you mean \"input\"? Hint: wrap the source name in double quotes to make it "
        "case-sensitive.");
  CHECK(SourceNameCaseHint(WithSources({"INPUT"}), "input") ==
        "\nDid you mean INPUT? Hint: try removing double quotes from the source name.");
  CHECK(SourceNameCaseHint(WithSources({"INPUT"}), "INPUT").empty());  // Not unknown at all.
  CHECK(SourceNameCaseHint(WithSources({"OTHER"}), "INPUT").empty());
  CHECK(SourceNameCaseHint(Catalog(), "INPUT").empty());
}

}  // namespace fluxo::planner
