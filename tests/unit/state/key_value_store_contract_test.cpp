// The KeyValueStore contract, run over every fixture of state_test_fixtures.h.
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/state/value_codec.h"
#include "tests/unit/state/state_test_fixtures.h"

namespace fluxo::state {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kStore = "q1.Aggregate.Materialize";

Entries ScanRange(KeyValueStore& store, const KeyRange& range) {
  Entries entries;
  store.Scan(range, [&](std::string_view key, std::string_view value) {
    entries.emplace_back(key, value);
    return true;
  });
  return entries;
}

Entries ScanAll(KeyValueStore& store) {
  return ScanRange(store, KeyRange::All());
}

std::optional<std::string> GetString(KeyValueStore& store, std::string_view key) {
  const auto value = store.Get(key);
  return value.has_value() ? std::optional<std::string>(*value) : std::nullopt;
}

TEST_CASE_TEMPLATE("key-value store: put, get, overwrite and delete",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    CHECK_FALSE(store.Get("a").has_value());
    store.Put("a", "1");
    store.Put("b", "2");
    store.Put("empty", "");
    CHECK(GetString(store, "a") == "1");
  }
  fixture.Checkpoint();
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    CHECK(GetString(store, "a") == "1");
    CHECK(GetString(store, "b") == "2");
    CHECK(GetString(store, "empty") == "");  // An empty value is a value, not an absence.
    store.Put("a", "three");
    store.Delete("b");
    store.Delete("never-there");
    CHECK(GetString(store, "a") == "three");
    CHECK_FALSE(store.Get("b").has_value());
  }
  fixture.Checkpoint();
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    CHECK(GetString(store, "a") == "three");
    CHECK_FALSE(store.Get("b").has_value());
    CHECK_FALSE(store.Get("never-there").has_value());
    store.Put("b", "back");  // Deleted and committed, then written again.
    CHECK(GetString(store, "b") == "back");
  }
  fixture.Checkpoint();
  CHECK(GetString(fixture.instance().GetKeyValueStore(kStore), "b") == "back");
}

TEST_CASE_TEMPLATE("key-value store: binary keys and values", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  const std::string key("\0k\xFF", 3);
  const std::string value("\xFF\0v\0", 4);
  fixture.instance().GetKeyValueStore(kStore).Put(key, value);
  fixture.Checkpoint();
  KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
  CHECK(GetString(store, key) == value);
  CHECK_FALSE(store.Get(std::string("\0k", 2)).has_value());
}

TEST_CASE_TEMPLATE("key-value store: scans mix committed and uncommitted entries in byte order",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    store.Put("h", "H");
    store.Put("b", "B");
    store.Put("f", "F");
    store.Put("d", "D");
  }
  fixture.Checkpoint();
  KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
  // Writes after the checkpoint: a new first key, a new middle key, an overwrite, a delete.
  store.Put("a", "A");
  store.Put("e", "E");
  store.Put("f", "F2");
  store.Delete("d");
  const Entries expected = {{"a", "A"}, {"b", "B"}, {"e", "E"}, {"f", "F2"}, {"h", "H"}};
  CHECK(ScanAll(store) == expected);
  CHECK(ScanRange(store, KeyRange::Between("b", "f")) == Entries{{"b", "B"}, {"e", "E"}});
  CHECK(ScanRange(store, KeyRange::Between("c", "e")).empty());
  CHECK(ScanRange(store, KeyRange{"f", std::nullopt}) == Entries{{"f", "F2"}, {"h", "H"}});
  // A new last key, uncommitted, after every committed one.
  store.Put("z", "Z");
  CHECK(ScanRange(store, KeyRange{"g", std::nullopt}) == Entries{{"h", "H"}, {"z", "Z"}});
  fixture.Checkpoint();
  const Entries after = {{"a", "A"}, {"b", "B"}, {"e", "E"}, {"f", "F2"}, {"h", "H"}, {"z", "Z"}};
  CHECK(ScanAll(fixture.instance().GetKeyValueStore(kStore)) == after);
}

TEST_CASE_TEMPLATE("key-value store: prefix scans and early stops", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    for (const char* key : {"a", "ab", "abc", "abd", "ac", "b"}) {
      store.Put(key, std::string("v-") + key);
    }
  }
  fixture.Checkpoint();
  KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
  store.Put("ab\xFF", "uncommitted");
  Entries found;
  store.ScanPrefix("ab", [&](std::string_view key, std::string_view value) {
    found.emplace_back(key, value);
    return true;
  });
  const Entries expected = {
      {"ab", "v-ab"}, {"abc", "v-abc"}, {"abd", "v-abd"}, {"ab\xFF", "uncommitted"}};
  CHECK(found == expected);

  std::vector<std::string> first_two;
  store.ScanAll([&](std::string_view key, std::string_view) {
    first_two.emplace_back(key);
    return first_two.size() < 2;
  });
  CHECK(first_two == std::vector<std::string>{"a", "ab"});
}

TEST_CASE_TEMPLATE("key-value store: keys order as unsigned bytes", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  const std::vector<std::string> sorted = {
      std::string("\x00", 1), std::string("\x00\x00", 2), "\x01", "\x7F", "\x80", "\xFE", "\xFF"};
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    for (const size_t index : {4, 0, 6, 2, 5, 1}) {  // All but "\x7F", in scrambled order.
      store.Put(sorted[index], "committed");
    }
  }
  fixture.Checkpoint();
  KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
  store.Put(sorted[3], "uncommitted");
  std::vector<std::string> keys;
  store.ScanAll([&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  });
  CHECK(keys == sorted);
}

TEST_CASE_TEMPLATE("key-value store: encoded Values scan in value order",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    for (const int64_t number : {300, -5, 7, 0, -70000}) {
      store.Put(EncodeValueToString(Value::Int64(number)), std::to_string(number));
    }
  }
  fixture.Checkpoint();
  std::vector<int64_t> numbers;
  fixture.instance().GetKeyValueStore(kStore).ScanAll(
      [&](std::string_view key, std::string_view value) {
        numbers.push_back(DecodeValue(key).AsInt64());
        CHECK(value == std::to_string(numbers.back()));
        return true;
      });
  CHECK(numbers == std::vector<int64_t>{-70000, -5, 0, 7, 300});
}

TEST_CASE_TEMPLATE("key-value store: keys written and deleted between scans",
                   Fixture,
                   FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  KeyValueStore& store = fixture.instance().GetKeyValueStore("q1.Materialize.Rows");
  store.Put("m", "1");
  CHECK(ScanAll(store) == Entries{{"m", "1"}});
  // New keys, some deleted again before any scan: the scan sees the survivors in order.
  for (const char* key : {"d", "z", "a", "q", "b"}) {
    store.Put(key, std::string("v") + key);
  }
  store.Delete("z");
  store.Delete("a");
  store.Delete("m");
  store.Put("a", "again");
  store.Put("q", "replaced");
  CHECK(ScanAll(store) == Entries{{"a", "again"}, {"b", "vb"}, {"d", "vd"}, {"q", "replaced"}});
  store.Delete("b");
  store.Put("c", "vc");
  CHECK(ScanAll(store) == Entries{{"a", "again"}, {"c", "vc"}, {"d", "vd"}, {"q", "replaced"}});
}

TEST_CASE_TEMPLATE("key-value store: approximate entry count", Fixture, FLUXO_STATE_FIXTURES) {
  Fixture fixture;
  CHECK(fixture.instance().GetKeyValueStore(kStore).ApproximateNumEntries() == 0);
  {
    KeyValueStore& store = fixture.instance().GetKeyValueStore(kStore);
    store.Put("a", "1");
    store.Put("b", "2");
    store.Put("c", "3");
  }
  fixture.Checkpoint();
  // Three distinct keys, each written once: RocksDB's estimate is exact for so simple a case.
  CHECK(fixture.instance().GetKeyValueStore(kStore).ApproximateNumEntries() == 3);
}

}  // namespace
}  // namespace fluxo::state
