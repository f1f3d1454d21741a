// FlatHashIndex: entry numbers by hash, with equal hashes told apart by the caller, growth,
// and removal that leaves every other entry reachable (backward shift, no tombstones).

#include "runtime/core/flat_hash_index.h"

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo {

namespace {

/// Finds entry `number` among those under `hash`.
uint32_t FindExactly(const FlatHashIndex& index, uint64_t hash, uint32_t number) {
  return index.Find(hash, [&](uint32_t candidate) { return candidate == number; });
}

}  // namespace

TEST_SUITE("core") {
  TEST_CASE("FlatHashIndex finds entries by hash, also entries with equal hashes") {
    FlatHashIndex index;
    CHECK(index.Find(7, [](uint32_t) { return true; }) == FlatHashIndex::kNone);
    index.Insert(7, 0);
    index.Insert(7, 1);  // The same hash: the caller's test picks the entry.
    index.Insert(8, 2);
    CHECK(index.size() == 3);
    CHECK(FindExactly(index, 7, 0) == 0);
    CHECK(FindExactly(index, 7, 1) == 1);
    CHECK(FindExactly(index, 8, 2) == 2);
    CHECK(FindExactly(index, 8, 0) == FlatHashIndex::kNone);
    index.Erase(7, 0);
    CHECK(FindExactly(index, 7, 0) == FlatHashIndex::kNone);
    CHECK(FindExactly(index, 7, 1) == 1);
    index.Erase(9, 5);  // Not there: nothing happens.
    CHECK(index.size() == 2);
    index.Reset();
    CHECK(index.size() == 0);
    CHECK(FindExactly(index, 7, 1) == FlatHashIndex::kNone);
  }

  TEST_CASE("FlatHashIndex keeps every entry reachable through growth and removals") {
    // Few distinct hashes make long runs of occupied slots, which removals must repair.
    std::mt19937_64 random(42);
    FlatHashIndex index;
    std::map<uint32_t, uint64_t> present;  // Entry number -> its hash.
    uint32_t next = 0;
    for (int step = 0; step < 20000; ++step) {
      if (present.empty() || random() % 3 != 0) {
        const uint64_t hash = random() % 500;
        index.Insert(hash, next);
        present[next++] = hash;
      } else {
        auto victim = present.lower_bound(static_cast<uint32_t>(random() % next));
        if (victim == present.end()) {
          victim = present.begin();
        }
        index.Erase(victim->second, victim->first);
        CHECK(FindExactly(index, victim->second, victim->first) == FlatHashIndex::kNone);
        present.erase(victim);
      }
    }
    REQUIRE(index.size() == present.size());
    for (const auto& [number, hash] : present) {
      REQUIRE(FindExactly(index, hash, number) == number);
    }
  }
}

}  // namespace fluxo
