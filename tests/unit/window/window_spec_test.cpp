#include "runtime/window/window_spec.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/window/session_merger.h"
#include "runtime/window/window_assigner.h"
#include "tests/unit/window/window_bounds_printer.h"

namespace fluxo::window {
namespace {

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

using Emitted = std::vector<std::pair<WindowBounds, int>>;

bool ThrowsPlanning(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.kind() == ErrorKind::kPlanning;
  }
  return false;
}

// A COUNT(*) ... EMIT FINAL over TUMBLING or HOPPING windows, driven only by the rules under
// test: late records are dropped, and after each record the closed, not yet expired windows
// are emitted once, by start.
struct TimeWindowFinalCount {
  explicit TimeWindowFinalCount(WindowSpec window) : spec(window) {}

  WindowSpec spec;
  int64_t stream_time = std::numeric_limits<int64_t>::min();
  std::map<int64_t, int> counts;  // by window start
  std::set<int64_t> emitted;

  Emitted Add(int64_t timestamp) {
    stream_time = std::max(stream_time, timestamp);
    for (const WindowBounds& window : AssignWindows(spec, timestamp)) {
      if (!IsLate(spec, window, stream_time)) {
        ++counts[window.start];
      }
    }
    Emitted out;
    for (const auto& [start, count] : counts) {
      const WindowBounds window = spec.TimeWindowAt(start);
      if (IsWindowClosed(spec, window, stream_time) &&
          !IsWindowExpired(spec, window, stream_time) && emitted.insert(start).second) {
        out.emplace_back(window, count);
      }
    }
    return out;
  }

  Emitted AddAll(const std::vector<int64_t>& timestamps) {
    Emitted all;
    for (int64_t timestamp : timestamps) {
      Emitted out = Add(timestamp);
      all.insert(all.end(), out.begin(), out.end());
    }
    return all;
  }
};

// The same for SESSION windows: expired sessions are no merge candidates, a merged session
// that is late is dropped, closed sessions are emitted once.
struct SessionFinalCount {
  explicit SessionFinalCount(WindowSpec window) : spec(window) {}

  WindowSpec spec;
  int64_t stream_time = std::numeric_limits<int64_t>::min();
  std::vector<std::pair<WindowBounds, int>> sessions;
  std::set<std::pair<int64_t, int64_t>> emitted;

  Emitted Add(int64_t timestamp) {
    stream_time = std::max(stream_time, timestamp);
    std::vector<WindowBounds> candidates;
    std::vector<size_t> candidate_slots;
    for (size_t slot = 0; slot < sessions.size(); ++slot) {
      if (!IsWindowExpired(spec, sessions[slot].first, stream_time)) {
        candidates.push_back(sessions[slot].first);
        candidate_slots.push_back(slot);
      }
    }
    const SessionMerge merge = MergeSession(candidates, timestamp, spec.gap_ms);
    if (!IsLate(spec, merge.bounds, stream_time)) {
      int count = 1;
      std::vector<std::pair<WindowBounds, int>> kept;
      for (size_t slot = 0; slot < sessions.size(); ++slot) {
        bool merged = false;
        for (size_t index : merge.merged) {
          merged = merged || candidate_slots[index] == slot;
        }
        if (merged) {
          count += sessions[slot].second;
        } else {
          kept.push_back(sessions[slot]);
        }
      }
      kept.emplace_back(merge.bounds, count);
      sessions = kept;
    }
    std::sort(sessions.begin(), sessions.end(), [](const auto& left, const auto& right) {
      return left.first.start < right.first.start;
    });
    Emitted out;
    for (const auto& [bounds, count] : sessions) {
      if (IsWindowClosed(spec, bounds, stream_time) &&
          emitted.insert({bounds.start, bounds.end}).second) {
        out.emplace_back(bounds, count);
      }
    }
    return out;
  }
};

}  // namespace

TEST_CASE("window kinds print as ksqlDB's keywords") {
  CHECK(WindowKindName(WindowKind::kTumbling) == "TUMBLING");
  CHECK(WindowKindName(WindowKind::kHopping) == "HOPPING");
  CHECK(WindowKindName(WindowKind::kSession) == "SESSION");
}

TEST_CASE("without GRACE PERIOD the grace is 24 hours minus the window size") {
  CHECK(WindowSpec::Tumbling(30000).EffectiveGraceMs() == kDay - 30000);
  CHECK(WindowSpec::Tumbling(2).EffectiveGraceMs() == kDay - 2);
  CHECK(WindowSpec::Hopping(30000, 5000).EffectiveGraceMs() == kDay - 30000);
  CHECK(WindowSpec::Session(30000).EffectiveGraceMs() == kDay - 30000);
  // Windows of a day or more get no grace at all.
  CHECK(WindowSpec::Tumbling(kDay).EffectiveGraceMs() == 0);
  CHECK(WindowSpec::Tumbling(kDay + 1).EffectiveGraceMs() == 0);
  CHECK(WindowSpec::Session(2 * kDay).EffectiveGraceMs() == 0);
}

TEST_CASE("a written GRACE PERIOD is used as written") {
  CHECK(WindowSpec::Tumbling(30000, 60000).EffectiveGraceMs() == 60000);
  CHECK(WindowSpec::Tumbling(2, 0).EffectiveGraceMs() == 0);
  CHECK(WindowSpec::Session(5, 6).EffectiveGraceMs() == 6);
}

TEST_CASE("EMIT FINAL makes a missing grace zero and keeps a written one") {
  CHECK(WindowSpec::Tumbling(2).ForEmitFinal().EffectiveGraceMs() == 0);
  CHECK(WindowSpec::Session(5000).ForEmitFinal().EffectiveGraceMs() == 0);
  CHECK(WindowSpec::Tumbling(2, 1).ForEmitFinal().EffectiveGraceMs() == 1);
  CHECK(WindowSpec::Tumbling(2).ForEmitFinal().grace_ms == std::optional<int64_t>(0));
}

TEST_CASE("retention defaults to size plus grace") {
  CHECK(WindowSpec::Tumbling(30000).EffectiveRetentionMs() == kDay);
  CHECK(WindowSpec::Tumbling(30000, 60000).EffectiveRetentionMs() == 90000);
  CHECK(WindowSpec::Hopping(5, 2, 1).EffectiveRetentionMs() == 6);
  CHECK(WindowSpec::Session(30000, 60000).EffectiveRetentionMs() == 90000);
  CHECK(WindowSpec::Tumbling(2 * kDay).EffectiveRetentionMs() == 2 * kDay);
  CHECK(WindowSpec::Tumbling(30000, 60000, 3600000).EffectiveRetentionMs() == 3600000);
}

TEST_CASE("retention shorter than size plus grace is refused") {
  // A 1 minute window without GRACE keeps the legacy 23 h 59 min grace: 1 h is too short.
  const WindowSpec legacy = WindowSpec::Tumbling(60000, std::nullopt, 3600000);
  CHECK(ThrowsPlanning([&] { legacy.CheckRetention(); }));
  CHECK_NOTHROW(legacy.ForEmitFinal().CheckRetention());
  CHECK_NOTHROW(WindowSpec::Tumbling(60000, 0, 60000).CheckRetention());
  CHECK(ThrowsPlanning([] { WindowSpec::Tumbling(60000, 1, 60000).CheckRetention(); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Session(1000, 500, 1499).CheckRetention(); }));
  CHECK_NOTHROW(WindowSpec::Session(1000, 500, 1500).CheckRetention());
  CHECK_NOTHROW(WindowSpec::Tumbling(60000).CheckRetention());
  try {
    WindowSpec::Tumbling(60000, 1000, 5000).CheckRetention();
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.message() ==
          "The retention period of the window store must be no smaller than its window size "
          "plus the grace period. Got size=[60000], grace=[1000], retention=[5000]");
  }
}

TEST_CASE("sizes Kafka Streams rejects are planning errors") {
  CHECK(ThrowsPlanning([] { WindowSpec::Tumbling(0); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Tumbling(-5); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Hopping(10, 0); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Hopping(10, 11); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Hopping(0, 0); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Session(0); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Tumbling(10, -1); }));
  CHECK(ThrowsPlanning([] { WindowSpec::Session(10, std::nullopt, -1); }));
  CHECK_NOTHROW(WindowSpec::Hopping(10, 10));
  CHECK_NOTHROW(WindowSpec::Hopping(10, 1));
}

TEST_CASE("the factories fill in kind, size and advance") {
  const WindowSpec tumbling = WindowSpec::Tumbling(30000, 1000, 90000);
  CHECK(tumbling.kind == WindowKind::kTumbling);
  CHECK(tumbling.size_ms == 30000);
  CHECK(tumbling.advance_ms == 30000);
  CHECK(tumbling.gap_ms == 0);
  CHECK(tumbling.grace_ms == std::optional<int64_t>(1000));
  CHECK(tumbling.retention_ms == std::optional<int64_t>(90000));
  const WindowSpec session = WindowSpec::Session(5000);
  CHECK(session.kind == WindowKind::kSession);
  CHECK(session.gap_ms == 5000);
  CHECK(session.size_ms == 0);
  CHECK(WindowSpec::Hopping(30000, 5000).advance_ms == 5000);
  CHECK(WindowSpec::Tumbling(10).TimeWindowAt(20) == WindowBounds{20, 30});
}

TEST_CASE("a time window is late once stream time reaches end plus grace") {
  // QTT tumbling-windows.json "out of order - explicit grace period": size 30 s, grace 1 min.
  const WindowSpec spec = WindowSpec::Tumbling(30000, 60000);
  const WindowBounds first{0, 30000};
  CHECK_FALSE(IsLate(spec, first, 89999));  // the record at 10009 after one at 89999 counts
  CHECK(IsLate(spec, first, 90000));        // the record at 10010 after one at 90000 does not
  // Without GRACE: the record at 60000 after one at 86412022 still counts.
  const WindowSpec legacy = WindowSpec::Tumbling(30000);
  CHECK_FALSE(IsLate(legacy, WindowBounds{60000, 90000}, 86412022));
  CHECK_FALSE(IsLate(legacy, WindowBounds{60000, 90000}, 86459999));
  CHECK(IsLate(legacy, WindowBounds{60000, 90000}, 86460000));
  // Zero grace: closed exactly at the end.
  const WindowSpec no_grace = WindowSpec::Tumbling(2, 0);
  CHECK_FALSE(IsLate(no_grace, WindowBounds{0, 2}, 1));
  CHECK(IsLate(no_grace, WindowBounds{0, 2}, 2));
}

TEST_CASE("a session is late once stream time passes end plus gap plus grace") {
  // QTT session-windows.json "out of order - explicit grace period": gap 30 s, grace 1 min,
  // stream time 100010: a session ending at 10009 is dropped, one ending at 10010 is kept.
  const WindowSpec spec = WindowSpec::Session(30000, 60000);
  CHECK(IsLate(spec, WindowBounds{0, 10009}, 100010));
  CHECK_FALSE(IsLate(spec, WindowBounds{10010, 10010}, 100010));
  // Without GRACE the late horizon is a day after the end.
  const WindowSpec legacy = WindowSpec::Session(30000);
  CHECK_FALSE(IsLate(legacy, WindowBounds{60000, 60000}, 86412022));
  CHECK_FALSE(IsLate(legacy, WindowBounds{60000, 60000}, 60000 + kDay));
  CHECK(IsLate(legacy, WindowBounds{60000, 60000}, 60000 + kDay + 1));
}

TEST_CASE("windows close on the same horizon as records become late") {
  const WindowSpec tumbling = WindowSpec::Tumbling(2, 1);
  CHECK_FALSE(IsWindowClosed(tumbling, WindowBounds{2, 4}, 4));
  CHECK(IsWindowClosed(tumbling, WindowBounds{2, 4}, 5));
  const WindowSpec session = WindowSpec::Session(5, 6);
  CHECK_FALSE(IsWindowClosed(session, WindowBounds{0, 14}, 25));
  CHECK(IsWindowClosed(session, WindowBounds{0, 14}, 26));
}

TEST_CASE("windows expire once stream time passes start (session: end) plus retention") {
  const WindowSpec tumbling = WindowSpec::Tumbling(2, 1);  // retention 3
  CHECK_FALSE(IsWindowExpired(tumbling, WindowBounds{0, 2}, 3));
  CHECK(IsWindowExpired(tumbling, WindowBounds{0, 2}, 4));
  const WindowSpec session = WindowSpec::Session(30000, 60000);  // retention 90000
  CHECK_FALSE(IsWindowExpired(session, WindowBounds{0, 10010}, 100010));
  CHECK(IsWindowExpired(session, WindowBounds{0, 0}, 100010));
  CHECK(IsWindowExpired(session, WindowBounds{0, 10009}, 100010));
}

TEST_CASE("close rules saturate instead of overflowing") {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const WindowSpec spec = WindowSpec::Session(10);
  CHECK_FALSE(IsLate(spec, WindowBounds{max - 1, max - 1}, max));
  CHECK_FALSE(IsWindowExpired(spec, WindowBounds{max - 1, max - 1}, max));
  // end + grace saturates at INT64_MAX, so the window stays open until the end of time.
  CHECK_FALSE(IsLate(WindowSpec::Tumbling(10), WindowBounds{max - 15, max - 5}, max - 1));
  CHECK(IsLate(WindowSpec::Tumbling(10), WindowBounds{max - 15, max - 5}, max));
}

TEST_CASE("EMIT FINAL over tumbling windows emits what QTT suppress.json expects") {
  SUBCASE("grace zero: emitted when stream time reaches the end") {
    TimeWindowFinalCount count{WindowSpec::Tumbling(2, 0)};
    CHECK(count.AddAll({0, 1}).empty());
    CHECK(count.Add(2) == Emitted{{{0, 2}, 2}});
  }
  SUBCASE("no grace given: EMIT FINAL uses zero") {
    TimeWindowFinalCount count{WindowSpec::Tumbling(2).ForEmitFinal()};
    CHECK(count.AddAll({0, 1, 2}) == Emitted{{{0, 2}, 2}});
  }
  SUBCASE("out-of-order events within grace count; the purged window is never emitted") {
    TimeWindowFinalCount count{WindowSpec::Tumbling(2, 1)};
    CHECK(count.AddAll({0, 1, 2, 1, 0, 5}) == Emitted{{{2, 4}, 1}});
    // A late record afterwards changes nothing.
    CHECK(count.Add(0).empty());
  }
  SUBCASE("hopping windows") {
    TimeWindowFinalCount count{WindowSpec::Hopping(5, 2, 1)};
    CHECK(count.AddAll({0, 1, 2, 1, 6, 5, 10}) == Emitted{{{0, 5}, 4}, {{4, 9}, 2}});
  }
}

TEST_CASE("EMIT FINAL over session windows emits what QTT suppress.json expects") {
  SessionFinalCount count{WindowSpec::Session(5, 6)};
  Emitted all;
  for (int64_t timestamp : {0, 4, 8, 12, 14, 30, 29, 17, 42}) {
    Emitted out = count.Add(timestamp);
    all.insert(all.end(), out.begin(), out.end());
  }
  CHECK(all == Emitted{{{0, 14}, 5}, {{29, 30}, 2}});
}

TEST_CASE("an expired session is no merge candidate (session-windows.json)") {
  // "out of order - explicit grace period", key 0: the record at 10010 after stream time
  // 100010 opens a new session instead of joining [0, 0].
  SessionFinalCount count{WindowSpec::Session(30000, 60000)};
  count.Add(0);
  count.Add(100010);
  count.Add(10009);  // late: dropped
  count.Add(10010);
  std::vector<WindowBounds> bounds;
  for (const auto& [window, records] : count.sessions) {
    bounds.push_back(window);
  }
  CHECK(bounds == std::vector<WindowBounds>{{0, 0}, {10010, 10010}, {100010, 100010}});
}

}  // namespace fluxo::window
