#include "runtime/window/session_merger.h"

#include <limits>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "tests/unit/window/window_bounds_printer.h"

namespace fluxo::window {
namespace {

using Sessions = std::vector<WindowBounds>;
using Indexes = std::vector<size_t>;

// A key's session store, as the aggregation keeps it: each record replaces the sessions it
// merges with by the merged one.
struct SessionStore {
  Sessions sessions;

  WindowBounds Add(int64_t timestamp, int64_t gap) {
    const SessionMerge merge = MergeSession(sessions, timestamp, gap);
    Sessions kept;
    for (size_t index = 0; index < sessions.size(); ++index) {
      bool merged = false;
      for (size_t merged_index : merge.merged) {
        merged = merged || merged_index == index;
      }
      if (!merged) {
        kept.push_back(sessions[index]);
      }
    }
    kept.push_back(merge.bounds);
    sessions = kept;
    return merge.bounds;
  }
};

}  // namespace

TEST_CASE("a record with no session in reach starts its own") {
  const SessionMerge none = MergeSession({}, 500, 1000);
  CHECK(none.merged.empty());
  CHECK(none.bounds == WindowBounds{500, 500});

  const Sessions far = {{0, 0}, {5000, 6000}};
  const SessionMerge alone = MergeSession(far, 2500, 1000);
  CHECK(alone.merged.empty());
  CHECK(alone.bounds == WindowBounds{2500, 2500});
}

TEST_CASE("the gap boundary is inclusive on both sides") {
  const Sessions sessions = {{1000, 2000}};
  // After the end: 3000 - 2000 == gap joins, 3001 does not.
  CHECK(MergeSession(sessions, 3000, 1000).merged == Indexes{0});
  CHECK(MergeSession(sessions, 3000, 1000).bounds == WindowBounds{1000, 3000});
  CHECK(MergeSession(sessions, 3001, 1000).merged.empty());
  // Before the start: 1000 - 0 == gap joins, -1 does not.
  CHECK(MergeSession(sessions, 0, 1000).merged == Indexes{0});
  CHECK(MergeSession(sessions, 0, 1000).bounds == WindowBounds{0, 2000});
  CHECK(MergeSession(sessions, -1, 1000).merged.empty());
}

TEST_CASE("a record extends a session to the left or right, or falls inside it") {
  const Sessions sessions = {{1000, 2000}};
  CHECK(MergeSession(sessions, 500, 500).bounds == WindowBounds{500, 2000});
  CHECK(MergeSession(sessions, 2300, 500).bounds == WindowBounds{1000, 2300});
  CHECK(MergeSession(sessions, 1500, 500).bounds == WindowBounds{1000, 2000});
  CHECK(MergeSession(sessions, 1000, 500).bounds == WindowBounds{1000, 2000});
  CHECK(MergeSession(sessions, 2000, 500).bounds == WindowBounds{1000, 2000});
}

TEST_CASE("a record between two sessions bridges them") {
  // QTT latest-offset-udaf.json "merging session windows": sessions at 0 and 1500, gap 1 s,
  // a record at 700 merges both into [0, 1500].
  const Sessions sessions = {{0, 0}, {1500, 1500}};
  const SessionMerge merge = MergeSession(sessions, 700, 1000);
  CHECK(merge.merged == Indexes{0, 1});
  CHECK(merge.bounds == WindowBounds{0, 1500});
}

TEST_CASE("every session in reach merges, however many") {
  const Sessions sessions = {{0, 10}, {20, 30}, {40, 50}, {100, 110}};
  const SessionMerge merge = MergeSession(sessions, 25, 15);
  CHECK(merge.merged == Indexes{0, 1, 2});
  CHECK(merge.bounds == WindowBounds{0, 50});
}

TEST_CASE("merged indexes follow the order the sessions were given in") {
  const Sessions sessions = {{1500, 1500}, {9000, 9000}, {0, 0}};
  const SessionMerge merge = MergeSession(sessions, 700, 1000);
  CHECK(merge.merged == Indexes{0, 2});
  CHECK(merge.bounds == WindowBounds{0, 1500});
}

TEST_CASE("out-of-order records grow sessions as in QTT session-windows.json") {
  // "out of order - no grace period", key 0, gap 30 s: the sessions the expected output
  // shows after each record.
  SessionStore store;
  CHECK(store.Add(0, 30000) == WindowBounds{0, 0});
  CHECK(store.Add(70010, 30000) == WindowBounds{70010, 70010});
  CHECK(store.Add(10009, 30000) == WindowBounds{0, 10009});
  CHECK(store.Add(10010, 30000) == WindowBounds{0, 10010});
  CHECK(store.sessions == Sessions{{70010, 70010}, {0, 10010}});
  // A record more than a gap after the last session starts a new one.
  CHECK(store.Add(120011, 30000) == WindowBounds{120011, 120011});
  // A record exactly a gap after [0, 10010] and a gap before [70010, 70010] bridges them.
  CHECK(store.Add(40010, 30000) == WindowBounds{0, 70010});
  CHECK(store.sessions == Sessions{{120011, 120011}, {0, 70010}});
}

TEST_CASE("session arithmetic saturates at the limits of time") {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t min = std::numeric_limits<int64_t>::min();
  const Sessions sessions = {{max - 5, max - 5}, {min, min + 1}};
  const SessionMerge high = MergeSession(sessions, max, 10);
  CHECK(high.merged == Indexes{0});
  CHECK(high.bounds == WindowBounds{max - 5, max});
  const SessionMerge low = MergeSession(sessions, min + 3, 10);
  CHECK(low.merged == Indexes{1});
  CHECK(low.bounds == WindowBounds{min, min + 3});
}

TEST_CASE("a session gap must be positive") {
  CHECK_THROWS_AS(MergeSession({}, 0, 0), Error);
}

}  // namespace fluxo::window
