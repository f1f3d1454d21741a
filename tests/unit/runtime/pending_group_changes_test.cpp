// PendingGroupChanges: the changed groups of an aggregation between two commits, visited in
// the order of their last changes (the order in which Kafka Streams' cache flushes dirty keys).

#include "runtime/operators/pending_group_changes.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/operators/aggregation_core.h"

namespace fluxo::runtime {

namespace {

/// Records a group's change: Touch when it is pending, else Add with the key `name`.
void Change(PendingGroupChanges& pending, GroupState& state, const std::string& name) {
  if (!pending.Touch(state)) {
    const ValueList key = {Value::String(name), Value::Int32(static_cast<int32_t>(name.size()))};
    pending.Add(state, key, std::nullopt, std::nullopt);
  }
}

/// The groups' names in the order TakeEach visits them (checking each key is whole).
std::vector<std::string> TakeNames(PendingGroupChanges& pending) {
  std::vector<std::string> names;
  pending.TakeEach([&](std::span<const Value> key, PendingGroupChanges::Change& change) {
    REQUIRE(key.size() == 2);
    CHECK(key[1].AsInt32() == static_cast<int32_t>(key[0].AsString().size()));
    CHECK(change.state->pending_change == GroupState::kNotPending);
    names.push_back(key[0].AsString());
  });
  return names;
}

}  // namespace

TEST_SUITE("runtime") {
  TEST_CASE("pending group changes come out in the order of their last change") {
    PendingGroupChanges pending;
    GroupState a, b, c, d;
    Change(pending, a, "a");
    Change(pending, b, "bb");
    Change(pending, c, "ccc");
    Change(pending, a, "a");  // a moves behind c.
    Change(pending, a, "a");  // Already the last change: nothing moves.
    Change(pending, d, "dddd");
    Change(pending, b, "bb");  // The oldest moves to the end.
    CHECK(pending.size() == 4);
    CHECK(TakeNames(pending) == std::vector<std::string>{"ccc", "a", "dddd", "bb"});
    CHECK(pending.empty());
    for (const GroupState* state : {&a, &b, &c, &d}) {
      CHECK(state->pending_change == GroupState::kNotPending);
    }

    // After a take every group starts over: a first change is an Add again.
    CHECK_FALSE(pending.Touch(c));
    Change(pending, c, "ccc");
    Change(pending, a, "a");
    Change(pending, c, "ccc");
    CHECK(TakeNames(pending) == std::vector<std::string>{"a", "ccc"});
    CHECK(TakeNames(pending).empty());
  }
}

}  // namespace fluxo::runtime
