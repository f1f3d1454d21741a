// The WindowStore contract, run over every fixture of state_test_fixtures.h.
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/unit/state/state_test_fixtures.h"

namespace fluxo::state {
namespace {

constexpr std::string_view kStore = "q1.WindowedAggregate.Materialize";
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

/// One fetched window with its value, owning its bytes.
struct Fetched {
  std::string key;
  int64_t start_ms;
  int64_t end_ms;
  uint64_t sequence;
  std::string value;

  bool operator==(const Fetched&) const = default;
};

using FetchedList = std::vector<Fetched>;

}  // namespace
}  // namespace fluxo::state

/// Prints fetched windows in failed checks.
template <>
struct doctest::StringMaker<fluxo::state::FetchedList> {
  static String convert(const fluxo::state::FetchedList& windows) {
    std::ostringstream out;
    for (const auto& window : windows) {
      out << "{" << window.key << ", " << window.start_ms << ", " << window.end_ms << ", "
          << window.sequence << ", " << window.value << "} ";
    }
    return out.str().c_str();
  }
};

namespace fluxo::state {
namespace {

WindowVisitor Collect(FetchedList& out) {
  return [&out](const WindowKey& window, std::string_view value) {
    out.push_back({std::string(window.key),
                   window.start_ms,
                   window.end_ms,
                   window.sequence,
                   std::string(value)});
    return true;
  };
}

FetchedList FetchKey(WindowStore& store, std::string_view key, int64_t from, int64_t to) {
  FetchedList out;
  store.FetchKey(key, from, to, Collect(out));
  return out;
}

FetchedList FetchAll(WindowStore& store, int64_t from, int64_t to) {
  FetchedList out;
  store.FetchAll(from, to, Collect(out));
  return out;
}

std::optional<std::string> GetString(WindowStore& store, const WindowKey& window) {
  const auto value = store.Get(window);
  return value.has_value() ? std::optional<std::string>(*value) : std::nullopt;
}

void Put(WindowStore& store,
         std::string_view key,
         int64_t start,
         int64_t end,
         uint64_t sequence,
         std::string_view value) {
  store.Put(WindowKey{key, start, end, sequence}, value);
}

TEST_CASE_TEMPLATE("window store: put, get, overwrite and delete", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    Put(store, "k", 0, 10, 0, "a");
    Put(store, "k", 0, 20, 0, "longer window");  // Same start, other end: another entry.
    Put(store, "k", 0, 10, 1, "second record");  // Same window, other sequence.
    Put(store, "other", 0, 10, 0, "other key");
    CHECK(GetString(store, {"k", 0, 10, 0}) == "a");
  }
  fixture.Checkpoint();
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    CHECK(GetString(store, {"k", 0, 10, 0}) == "a");
    CHECK(GetString(store, {"k", 0, 20, 0}) == "longer window");
    CHECK(GetString(store, {"k", 0, 10, 1}) == "second record");
    CHECK(GetString(store, {"other", 0, 10, 0}) == "other key");
    CHECK_FALSE(store.Get({"k", 1, 10, 0}).has_value());
    CHECK_FALSE(store.Get({"k", 0, 11, 0}).has_value());
    CHECK_FALSE(store.Get({"", 0, 10, 0}).has_value());
    Put(store, "k", 0, 10, 0, "b");
    store.Delete({"k", 0, 20, 0});
    store.Delete({"k", 5, 20, 0});  // Not there: nothing happens.
    CHECK(GetString(store, {"k", 0, 10, 0}) == "b");
    CHECK_FALSE(store.Get({"k", 0, 20, 0}).has_value());
  }
  fixture.Checkpoint();
  WindowStore& store = fixture.instance().GetWindowStore(kStore);
  CHECK(GetString(store, {"k", 0, 10, 0}) == "b");
  CHECK_FALSE(store.Get({"k", 0, 20, 0}).has_value());
  CHECK(FetchKey(store, "k", kMin, kMax) ==
        FetchedList{{"k", 0, 10, 0, "b"}, {"k", 0, 10, 1, "second record"}});
}

TEST_CASE_TEMPLATE("window store: fetching one key's windows", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    // Scrambled order; negative, zero, large and extreme times.
    Put(store, "k", 1000, 2000, 0, "w1000");
    Put(store, "k", -1, 9, 0, "w-1");
    Put(store, "k", kMax, kMax, 0, "wmax");
    Put(store, "k", kMin, kMin + 10, 0, "wmin");
    Put(store, "k", -1000, -500, 0, "w-1000");
    Put(store, "k", 0, 10, 0, "w0");
    // Keys that share bytes with "k" must not show up in its fetches.
    Put(store, "kx", 0, 10, 0, "other key");
    Put(store, "", 0, 10, 0, "empty key");
    Put(store, std::string("k\0", 2), 0, 10, 0, "k with a zero byte");
  }
  fixture.Checkpoint();
  WindowStore& store = fixture.instance().GetWindowStore(kStore);
  Put(store, "k", 1, 11, 0, "w1 uncommitted");
  Put(store, "k", 0, 5, 0, "w0 short, uncommitted");
  const FetchedList middle = {{"k", -1000, -500, 0, "w-1000"},
                              {"k", -1, 9, 0, "w-1"},
                              {"k", 0, 5, 0, "w0 short, uncommitted"},
                              {"k", 0, 10, 0, "w0"},
                              {"k", 1, 11, 0, "w1 uncommitted"}};
  CHECK(FetchKey(store, "k", -1000, 1) == middle);
  CHECK(FetchKey(store, "k", -999, 0) == FetchedList{{"k", -1, 9, 0, "w-1"},
                                                     {"k", 0, 5, 0, "w0 short, uncommitted"},
                                                     {"k", 0, 10, 0, "w0"}});
  CHECK(FetchKey(store, "k", 2, 999).empty());
  CHECK(FetchKey(store, "k", 5, 4).empty());  // An empty range.
  CHECK(FetchKey(store, "k", kMin, kMin) == FetchedList{{"k", kMin, kMin + 10, 0, "wmin"}});
  CHECK(FetchKey(store, "k", kMax, kMax) == FetchedList{{"k", kMax, kMax, 0, "wmax"}});
  CHECK(FetchKey(store, "k", kMin, kMax).size() == 8);
  CHECK(FetchKey(store, "kx", kMin, kMax) == FetchedList{{"kx", 0, 10, 0, "other key"}});
  CHECK(FetchKey(store, "", kMin, kMax) == FetchedList{{"", 0, 10, 0, "empty key"}});
  CHECK(FetchKey(store, "missing", kMin, kMax).empty());

  int visited = 0;
  store.FetchKey(
      "k", kMin, kMax, [&](const WindowKey&, std::string_view) { return ++visited < 3; });
  CHECK(visited == 3);
}

TEST_CASE_TEMPLATE("window store: several values per window by sequence",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    // A join buffer: three records of key "k" at time 100, numbered by their offsets.
    Put(store, "k", 100, 100, 42, "third");
    Put(store, "k", 100, 100, 7, "first");
    Put(store, "k", 100, 100, 9, "second");
  }
  fixture.Checkpoint();
  WindowStore& store = fixture.instance().GetWindowStore(kStore);
  Put(store, "k", 100, 100, 9, "second, replayed");  // A replayed record overwrites its copy.
  CHECK(FetchKey(store, "k", 100, 100) == FetchedList{{"k", 100, 100, 7, "first"},
                                                      {"k", 100, 100, 9, "second, replayed"},
                                                      {"k", 100, 100, 42, "third"}});
}

TEST_CASE_TEMPLATE("window store: fetching all windows in a start range",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    Put(store, "b", 10, 20, 0, "b10");
    Put(store, "a", 10, 20, 0, "a10");
    Put(store, "a", -10, 0, 0, "a-10");
    Put(store, "c", 30, 40, 0, "c30");
  }
  fixture.Checkpoint();
  WindowStore& store = fixture.instance().GetWindowStore(kStore);
  Put(store, "b", 0, 10, 0, "b0");
  store.Delete({"c", 30, 40, 0});
  CHECK(FetchAll(store, kMin, kMax) == FetchedList{{"a", -10, 0, 0, "a-10"},
                                                   {"b", 0, 10, 0, "b0"},
                                                   {"a", 10, 20, 0, "a10"},
                                                   {"b", 10, 20, 0, "b10"}});
  CHECK(FetchAll(store, -9, 10) ==
        FetchedList{{"b", 0, 10, 0, "b0"}, {"a", 10, 20, 0, "a10"}, {"b", 10, 20, 0, "b10"}});
  CHECK(FetchAll(store, 11, 100).empty());
  CHECK(FetchAll(store, 10, -10).empty());
}

TEST_CASE_TEMPLATE("window store: ExpireBefore drops the windows starting earlier",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    for (const int64_t start : {kMin, int64_t{-100}, int64_t{-1}, int64_t{0}, int64_t{50}}) {
      Put(store, "k", start, start + 10, 0, "k" + std::to_string(start));
      Put(store, "j", start, start + 10, 0, "j" + std::to_string(start));
    }
  }
  fixture.Checkpoint();
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    Put(store, "k", -50, -40, 0, "uncommitted, expires");
    Put(store, "k", 20, 30, 0, "uncommitted, stays");
    store.ExpireBefore(0);
    CHECK_FALSE(store.Get({"k", -1, 9, 0}).has_value());
    CHECK_FALSE(store.Get({"k", -50, -40, 0}).has_value());
    CHECK_FALSE(store.Get({"j", kMin, kMin + 10, 0}).has_value());
    CHECK(GetString(store, {"k", 0, 10, 0}) == "k0");
    const FetchedList remaining_k = {
        {"k", 0, 10, 0, "k0"}, {"k", 20, 30, 0, "uncommitted, stays"}, {"k", 50, 60, 0, "k50"}};
    CHECK(FetchKey(store, "k", kMin, kMax) == remaining_k);
    CHECK(FetchAll(store, kMin, -1).empty());
    CHECK(FetchAll(store, kMin, kMax).size() == 5);
  }
  fixture.Checkpoint();
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    CHECK(FetchKey(store, "j", kMin, kMax) ==
          FetchedList{{"j", 0, 10, 0, "j0"}, {"j", 50, 60, 0, "j50"}});
    CHECK(FetchAll(store, kMin, kMax).size() == 5);
    // An earlier bound drops nothing more.
    store.ExpireBefore(-1000);
    CHECK(FetchAll(store, kMin, kMax).size() == 5);
    // A window written after an expiry is kept, even one starting before the bound.
    store.ExpireBefore(30);
    Put(store, "k", 10, 20, 0, "late, written after the expiry");
    CHECK(FetchKey(store, "k", kMin, kMax) ==
          FetchedList{{"k", 10, 20, 0, "late, written after the expiry"}, {"k", 50, 60, 0, "k50"}});
  }
  fixture.Checkpoint();
  WindowStore& store = fixture.instance().GetWindowStore(kStore);
  CHECK(FetchAll(store, kMin, kMax) ==
        FetchedList{{"k", 10, 20, 0, "late, written after the expiry"},
                    {"j", 50, 60, 0, "j50"},
                    {"k", 50, 60, 0, "k50"}});
  CHECK(FetchKey(store, "j", kMin, kMax) == FetchedList{{"j", 50, 60, 0, "j50"}});
  store.ExpireBefore(kMax);
  CHECK(FetchAll(store, kMin, kMax).empty());
  CHECK(FetchKey(store, "k", kMin, kMax).empty());
}

TEST_CASE_TEMPLATE("window store: windows fetched, deleted and expired between writes",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  WindowStore& store = fixture.instance().GetWindowStore(kStore);
  Put(store, "k", 0, 10, 0, "k0");
  Put(store, "j", 0, 10, 0, "j0");
  CHECK(FetchKey(store, "k", kMin, kMax) == FetchedList{{"k", 0, 10, 0, "k0"}});
  // Written after the fetch: windows of an expiring start and of a staying one.
  Put(store, "k", 5, 15, 0, "k5");
  Put(store, "k", 20, 30, 0, "k20");
  Put(store, "j", 20, 30, 0, "j20");
  store.Delete(WindowKey{"k", 20, 30, 0});
  store.ExpireBefore(10);
  CHECK(FetchKey(store, "k", kMin, kMax).empty());
  CHECK(FetchKey(store, "j", kMin, kMax) == FetchedList{{"j", 20, 30, 0, "j20"}});
  Put(store, "k", 40, 50, 0, "k40");
  store.Delete(WindowKey{"j", 20, 30, 0});
  CHECK(FetchAll(store, kMin, kMax) == FetchedList{{"k", 40, 50, 0, "k40"}});
  CHECK(FetchKey(store, "k", kMin, kMax) == FetchedList{{"k", 40, 50, 0, "k40"}});
}

TEST_CASE_TEMPLATE("window store: a session grows by delete and put",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  Put(fixture.instance().GetWindowStore(kStore), "user", 100, 100, 0, "1 event");
  fixture.Checkpoint();
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    // A record at 130 within the gap: find the session, replace it with the merged one.
    const FetchedList found = FetchKey(store, "user", kMin, 130 + 50);
    REQUIRE(found == FetchedList{{"user", 100, 100, 0, "1 event"}});
    store.Delete({"user", 100, 100, 0});
    Put(store, "user", 100, 130, 0, "2 events");
    CHECK(FetchKey(store, "user", kMin, kMax) == FetchedList{{"user", 100, 130, 0, "2 events"}});
  }
  fixture.Checkpoint();
  CHECK(FetchKey(fixture.instance().GetWindowStore(kStore), "user", kMin, kMax) ==
        FetchedList{{"user", 100, 130, 0, "2 events"}});
}

TEST_CASE_TEMPLATE("window store: approximate entry count", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  CHECK(fixture.instance().GetWindowStore(kStore).ApproximateNumEntries() == 0);
  {
    WindowStore& store = fixture.instance().GetWindowStore(kStore);
    Put(store, "a", 0, 10, 0, "1");
    Put(store, "a", 10, 20, 0, "2");
  }
  fixture.Checkpoint();
  CHECK(fixture.instance().GetWindowStore(kStore).ApproximateNumEntries() == 2);
}

}  // namespace
}  // namespace fluxo::state
