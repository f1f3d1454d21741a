// DecodedTableRows: a stream-table join's decoded table rows by encoded key — put, replace,
// erase, reuse of erased entries, and starting over empty at the bound.

#include "runtime/operators/decoded_table_rows.h"

#include <functional>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace fluxo::runtime {

namespace {

size_t Hash(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

const ValueList* Find(const DecodedTableRows& rows, const std::string& key) {
  return rows.Find(key, Hash(key));
}

void Put(DecodedTableRows& rows, const std::string& key, const std::string& name) {
  rows.Put(key, Hash(key), ValueList{Value::String(name)});
}

}  // namespace

TEST_SUITE("operators") {
  TEST_CASE("DecodedTableRows keeps the latest row of each key until erased") {
    DecodedTableRows rows(100);
    CHECK(Find(rows, "a") == nullptr);
    Put(rows, "a", "Ann");
    Put(rows, "b", "Bob");
    Put(rows, "a", "Anna");  // Replaces.
    CHECK(rows.size() == 2);
    REQUIRE(Find(rows, "a") != nullptr);
    CHECK(Find(rows, "a")->at(0).AsString() == "Anna");
    CHECK(Find(rows, "b")->at(0).AsString() == "Bob");
    rows.Erase("a", Hash("a"));
    rows.Erase("zz", Hash("zz"));  // Not cached: nothing happens.
    CHECK(Find(rows, "a") == nullptr);
    CHECK(rows.size() == 1);
    Put(rows, "c", "Cid");  // Takes the erased entry.
    CHECK(Find(rows, "c")->at(0).AsString() == "Cid");
    CHECK(Find(rows, "b")->at(0).AsString() == "Bob");
    CHECK(Find(rows, "a") == nullptr);
  }

  TEST_CASE("DecodedTableRows starts over empty when a new key would pass the bound") {
    DecodedTableRows rows(3);
    Put(rows, "a", "1");
    Put(rows, "b", "2");
    Put(rows, "c", "3");
    Put(rows, "c", "4");  // A known key does not count.
    CHECK(rows.size() == 3);
    Put(rows, "d", "5");
    CHECK(rows.size() == 1);
    CHECK(Find(rows, "a") == nullptr);
    CHECK(Find(rows, "d")->at(0).AsString() == "5");
  }
}

}  // namespace fluxo::runtime
