#include "runtime/window/window_assigner.h"

#include <cstdint>
#include <limits>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "tests/unit/window/window_bounds_printer.h"

namespace fluxo::window {
namespace {

using Windows = std::vector<WindowBounds>;

// Every window [m * advance, m * advance + size) with m >= 0 that holds `timestamp`, by start:
// the definition, enumerated one candidate start at a time.
Windows BruteForce(int64_t size, int64_t advance, int64_t timestamp) {
  Windows windows;
  for (int64_t start = 0; start <= timestamp; start += advance) {
    if (start <= timestamp && timestamp < start + size) {
      windows.push_back({start, start + size});
    }
  }
  return windows;
}

}  // namespace

TEST_CASE("AssignWindowsInto replaces what the reused list held") {
  const WindowSpec hopping = WindowSpec::Hopping(10000, 2000);
  Windows windows{{1, 2}};
  AssignWindowsInto(hopping, 12345, windows);
  CHECK(windows == AssignWindows(hopping, 12345));
  CHECK(windows.size() == 5);
  AssignWindowsInto(hopping, -1, windows);
  CHECK(windows.empty());
  AssignWindowsInto(WindowSpec::Tumbling(30000), 30000, windows);
  CHECK(windows == Windows{{30000, 60000}});
}

TEST_CASE("tumbling windows are aligned to epoch 0") {
  const WindowSpec spec = WindowSpec::Tumbling(30000);
  CHECK(AssignWindows(spec, 0) == Windows{{0, 30000}});
  CHECK(AssignWindows(spec, 1) == Windows{{0, 30000}});
  CHECK(AssignWindows(spec, 29999) == Windows{{0, 30000}});
  CHECK(AssignWindows(spec, 30000) == Windows{{30000, 60000}});
  CHECK(AssignWindows(spec, 89999) == Windows{{60000, 90000}});
  // QTT tumbling-windows.json: a record at 86412022 lands in [86400000, 86430000).
  CHECK(AssignWindows(spec, 86412022) == Windows{{86400000, 86430000}});
}

TEST_CASE("tumbling windows of one millisecond hold exactly their start") {
  const WindowSpec spec = WindowSpec::Tumbling(1);
  CHECK(AssignWindows(spec, 0) == Windows{{0, 1}});
  CHECK(AssignWindows(spec, 7) == Windows{{7, 8}});
}

TEST_CASE("negative timestamps get no window") {
  CHECK(AssignWindows(WindowSpec::Tumbling(30000), -1).empty());
  CHECK(AssignWindows(WindowSpec::Tumbling(30000), -30000).empty());
  CHECK(AssignWindows(WindowSpec::Hopping(5, 2), -1).empty());
  CHECK(AssignWindows(WindowSpec::Tumbling(10), std::numeric_limits<int64_t>::min()).empty());
}

TEST_CASE("hopping windows with an advance that divides the size") {
  // The hopping window of QTT tumbling-windows.json: 30 s advancing by 5 s.
  const WindowSpec spec = WindowSpec::Hopping(30000, 5000);
  // Before the first full hop only windows starting at 0 or later exist.
  CHECK(AssignWindows(spec, 0) == Windows{{0, 30000}});
  CHECK(AssignWindows(spec, 10000) == Windows{{0, 30000}, {5000, 35000}, {10000, 40000}});
  CHECK(AssignWindows(spec, 35000) == Windows{{10000, 40000},
                                              {15000, 45000},
                                              {20000, 50000},
                                              {25000, 55000},
                                              {30000, 60000},
                                              {35000, 65000}});
  // 34999 is no longer in [5000, 35000) but still in [10000, 40000).
  CHECK(AssignWindows(spec, 34999).front() == WindowBounds{5000, 35000});
  CHECK(AssignWindows(spec, 35000).front() == WindowBounds{10000, 40000});
}

TEST_CASE("hopping windows with an advance that does not divide the size") {
  const WindowSpec spec = WindowSpec::Hopping(5, 2);
  CHECK(AssignWindows(spec, 0) == Windows{{0, 5}});
  CHECK(AssignWindows(spec, 1) == Windows{{0, 5}});
  CHECK(AssignWindows(spec, 2) == Windows{{0, 5}, {2, 7}});
  CHECK(AssignWindows(spec, 4) == Windows{{0, 5}, {2, 7}, {4, 9}});
  CHECK(AssignWindows(spec, 5) == Windows{{2, 7}, {4, 9}});
  CHECK(AssignWindows(spec, 6) == Windows{{2, 7}, {4, 9}, {6, 11}});
  CHECK(AssignWindows(spec, 10) == Windows{{6, 11}, {8, 13}, {10, 15}});

  const WindowSpec three = WindowSpec::Hopping(5, 3);
  CHECK(AssignWindows(three, 5) == Windows{{3, 8}});
  CHECK(AssignWindows(three, 6) == Windows{{3, 8}, {6, 11}});
  CHECK(AssignWindows(three, 7) == Windows{{3, 8}, {6, 11}});
  CHECK(AssignWindows(three, 8) == Windows{{6, 11}});
}

TEST_CASE("a hopping window whose advance equals its size is a tumbling window") {
  for (int64_t timestamp = 0; timestamp < 50; ++timestamp) {
    CHECK(AssignWindows(WindowSpec::Hopping(7, 7), timestamp) ==
          AssignWindows(WindowSpec::Tumbling(7), timestamp));
  }
}

TEST_CASE("window assignment matches a brute-force enumeration over a grid") {
  for (int64_t size = 1; size <= 12; ++size) {
    for (int64_t advance = 1; advance <= size; ++advance) {
      const WindowSpec spec = WindowSpec::Hopping(size, advance);
      for (int64_t timestamp = -5; timestamp <= 60; ++timestamp) {
        CAPTURE(size);
        CAPTURE(advance);
        CAPTURE(timestamp);
        const Windows expected = timestamp < 0 ? Windows{} : BruteForce(size, advance, timestamp);
        CHECK(AssignWindows(spec, timestamp) == expected);
      }
    }
  }
}

TEST_CASE("window ends saturate at the end of time") {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const Windows windows = AssignWindows(WindowSpec::Tumbling(10), max);
  REQUIRE(windows.size() == 1);
  CHECK(windows[0].start == 9223372036854775800);
  CHECK(windows[0].end == max);
}

TEST_CASE("session specs are not assigned windows") {
  CHECK_THROWS_AS(AssignWindows(WindowSpec::Session(1000), 5), Error);
}

}  // namespace fluxo::window
