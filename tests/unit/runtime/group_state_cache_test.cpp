// GroupStateCache: the decoded group states in front of an aggregation's store — lookups,
// creation, what Flush writes and deletes, states that stay put between flushes, and the
// bound past which groups that did not change lately are dropped (and read back from the
// store when they come again).

#include "runtime/operators/group_state_cache.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/aggregates/aggregate_registry.h"
#include "runtime/state/in_memory_state_instance.h"
#include "runtime/window/window_spec.h"

namespace fluxo::runtime {

namespace {

/// An aggregation with one COUNT(*) and no key expressions: the cache is given encoded keys.
planner::AggregateStep CountStep(bool windowed) {
  planner::AggregateStep step;
  step.operator_id = "Q.Aggregate";
  step.store_name = "Q.Aggregate.Materialize";
  step.aggregation.aggregates.push_back(
      planner::AggregateCall{aggregates::AggregateRegistry::BuiltIn().Create("COUNT", {}), {}});
  if (windowed) {
    step.aggregation.window = window::WindowSpec::Tumbling(1000);
  }
  return step;
}

/// Adds one to the count of (key, window) and returns the count.
int64_t Count(GroupStateCache& cache, const std::string& key, std::optional<WindowBounds> w) {
  GroupState& state = *cache.FindForUpdate(HashedGroupKey(key), w, true).state;
  state.states[0] = Value::Int64(state.states[0].AsInt64() + 1);
  return state.states[0].AsInt64();
}

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("GroupStateCache finds, creates and flushes groups by key and window") {
    state::InMemoryStateInstance state;
    const planner::AggregateStep step = CountStep(/*windowed=*/true);
    const AggregationCore core(step, OperatorContext{"Q", "t", nullptr, &state});
    state::WindowStore& store = state.GetWindowStore(step.store_name);
    GroupStateCache cache(core, store);

    const WindowBounds first{0, 1000};
    const WindowBounds second{1000, 2000};
    const std::string a = "a";
    CHECK(cache.Find("a", first) == nullptr);
    CHECK_FALSE(cache.FindForUpdate(HashedGroupKey(a), first, false).state);
    CHECK(cache.FindForUpdate(HashedGroupKey(a), first, true).created);
    CHECK(Count(cache, "a", first) == 1);
    CHECK(Count(cache, "a", second) == 1);
    CHECK(Count(cache, "b", first) == 1);
    CHECK(Count(cache, "a", first) == 2);
    CHECK(cache.size() == 3);
    // Nothing reaches the store before Flush.
    CHECK_FALSE(store.Get(state::WindowKey{"a", 0, 1000, 0}).has_value());
    cache.Flush();
    const auto stored = store.Get(state::WindowKey{"a", 0, 1000, 0});
    REQUIRE(stored.has_value());
    CHECK(core.DecodeState(*stored).states[0].AsInt64() == 2);

    // An erased group is deleted from the store at Flush and is gone from the cache.
    cache.Erase("b", first);
    CHECK(cache.Find("b", first) == nullptr);
    cache.Flush();
    CHECK_FALSE(store.Get(state::WindowKey{"b", 0, 1000, 0}).has_value());
    CHECK(cache.size() == 2);
    CHECK(Count(cache, "b", first) == 1);  // Starts over.
  }

  TEST_CASE("GroupStateCache keeps states in place until Flush, however many groups come") {
    state::InMemoryStateInstance state;
    const planner::AggregateStep step = CountStep(/*windowed=*/false);
    const AggregationCore core(step, OperatorContext{"Q", "t", nullptr, &state});
    GroupStateCache cache(core, state.GetKeyValueStore(step.store_name));
    std::vector<GroupState*> states;
    for (int i = 0; i < 5000; ++i) {  // Grows the index and the entries many times over.
      const std::string key = "k" + std::to_string(i);
      states.push_back(cache.FindForUpdate(HashedGroupKey(key), std::nullopt, true).state);
      states.back()->states[0] = Value::Int64(i);
    }
    for (int i = 0; i < 5000; ++i) {
      GroupState* found = cache.Find("k" + std::to_string(i), std::nullopt);
      REQUIRE(found == states[static_cast<size_t>(i)]);
      CHECK(found->states[0].AsInt64() == i);
    }
  }

  TEST_CASE("GroupStateCache drops idle groups past its bound and reads them back") {
    state::InMemoryStateInstance state;
    const planner::AggregateStep step = CountStep(/*windowed=*/false);
    const AggregationCore core(step, OperatorContext{"Q", "t", nullptr, &state});
    GroupStateCache cache(core, state.GetKeyValueStore(step.store_name));
    const size_t bound = GroupStateCache::kMaxCachedGroups;
    // Interval 1: `bound` groups. Interval 2: 10 of them again and 10 new ones, one past the
    // bound: the groups idle in interval 2 are dropped, those it changed are kept.
    for (size_t i = 0; i < bound; ++i) {
      Count(cache, "k" + std::to_string(i), std::nullopt);
    }
    cache.Flush();
    CHECK(cache.size() == bound);
    for (size_t i = 0; i < 10; ++i) {
      Count(cache, "k" + std::to_string(i), std::nullopt);
      Count(cache, "n" + std::to_string(i), std::nullopt);
    }
    cache.Flush();
    CHECK(cache.size() == 20);
    // A dropped group comes back from the store with its count; a kept one still counts on.
    CHECK(Count(cache, "k500", std::nullopt) == 2);
    CHECK(Count(cache, "k5", std::nullopt) == 3);
    CHECK(Count(cache, "n5", std::nullopt) == 2);
    CHECK(cache.size() == 21);
  }
}

}  // namespace fluxo::runtime
