// The StateInstance contract, run over every fixture of state_test_fixtures.h.
#include <string>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "tests/unit/state/state_test_fixtures.h"

namespace fluxo::state {
namespace {

std::string ValueOf(KeyValueStore& store, std::string_view key) {
  const auto value = store.Get(key);
  return value.has_value() ? std::string(*value) : "<absent>";
}

TEST_CASE_TEMPLATE("state instance: stores are isolated from each other",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    StateInstance& instance = fixture.instance();
    instance.GetKeyValueStore("q1.Aggregate.Materialize").Put("key", "from the aggregate");
    instance.GetKeyValueStore("q1.Join.Left").Put("key", "from the join");
    instance.GetKeyValueStore("q2.Aggregate.Materialize").Put("other", "from query 2");
    instance.GetWindowStore("q1.Window.Materialize").Put({"key", 0, 10, 0}, "from the window");
    instance.GetWindowStore("q1.Window.Other").Put({"key", 0, 10, 0}, "from another window");
  }
  fixture.Checkpoint();
  StateInstance& instance = fixture.instance();
  KeyValueStore& aggregate = instance.GetKeyValueStore("q1.Aggregate.Materialize");
  KeyValueStore& join = instance.GetKeyValueStore("q1.Join.Left");
  CHECK(ValueOf(aggregate, "key") == "from the aggregate");
  CHECK(ValueOf(join, "key") == "from the join");
  CHECK(ValueOf(aggregate, "other") == "<absent>");
  join.Delete("key");
  CHECK(ValueOf(aggregate, "key") == "from the aggregate");
  int entries = 0;
  aggregate.ScanAll([&](std::string_view, std::string_view) {
    ++entries;
    return true;
  });
  CHECK(entries == 1);
  WindowStore& window = instance.GetWindowStore("q1.Window.Materialize");
  CHECK(window.Get({"key", 0, 10, 0}) == std::optional<std::string_view>("from the window"));
  window.ExpireBefore(100);
  CHECK(instance.GetWindowStore("q1.Window.Other").Get({"key", 0, 10, 0}) ==
        std::optional<std::string_view>("from another window"));
}

TEST_CASE_TEMPLATE("state instance: one store per name", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  StateInstance& instance = fixture.instance();
  CHECK(&instance.GetKeyValueStore("q1.A.x") == &instance.GetKeyValueStore("q1.A.x"));
  CHECK(&instance.GetWindowStore("q1.W.x") == &instance.GetWindowStore("q1.W.x"));
  CHECK(instance.GetKeyValueStore("q1.A.x").name() == "q1.A.x");
  CHECK(instance.GetWindowStore("q1.W.x").name() == "q1.W.x");
  CHECK_THROWS_AS(instance.GetWindowStore("q1.A.x"), Error);
  CHECK_THROWS_AS(instance.GetKeyValueStore("q1.W.x"), Error);
  CHECK_THROWS_AS(instance.GetKeyValueStore(""), Error);
  CHECK_THROWS_AS(instance.GetKeyValueStore("q1#index"), Error);
  CHECK_THROWS_AS(instance.GetWindowStore("default"), Error);
}

TEST_CASE_TEMPLATE("state instance: metadata is committed with the state",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  CHECK_FALSE(fixture.instance().ReadMetadata("offsets").has_value());
  fixture.instance().GetKeyValueStore("q1.A.x").Put("k", "v");
  fixture.instance().Flush({{"offsets", "topic-0:42"}, {"epoch", "1"}});
  fixture.Checkpoint();
  CHECK(fixture.instance().ReadMetadata("offsets") == "topic-0:42");
  CHECK(fixture.instance().ReadMetadata("epoch") == "1");
  fixture.instance().Flush({{"offsets", "topic-0:57"}});
  fixture.Checkpoint();
  CHECK(fixture.instance().ReadMetadata("offsets") == "topic-0:57");
  CHECK(fixture.instance().ReadMetadata("epoch") == "1");
  CHECK(ValueOf(fixture.instance().GetKeyValueStore("q1.A.x"), "k") == "v");
}

}  // namespace
}  // namespace fluxo::state
