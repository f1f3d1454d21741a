// What only the RocksDB state instance promises: commits are all or nothing, closing without a
// flush loses the uncommitted writes, the flush listener, the column family layout, expiry of
// the window index, and the cache bounds.
#include "runtime/state/rocksdb_state_instance.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>
#include <rocksdb/db.h>

#include "runtime/core/error.h"
#include "tests/unit/state/state_test_fixtures.h"

namespace fluxo::state {
namespace {

using testing::TemporaryDirectory;

std::unique_ptr<RocksDbStateInstance> Open(const TemporaryDirectory& directory,
                                           bool write_ahead_log = true,
                                           size_t cache_capacity_bytes = size_t{1} << 20) {
  RocksDbStateOptions options;
  options.directory = directory.path();
  options.write_ahead_log = write_ahead_log;
  options.cache_capacity_bytes = cache_capacity_bytes;
  return std::make_unique<RocksDbStateInstance>(options);
}

std::string ValueOf(KeyValueStore& store, std::string_view key) {
  const auto value = store.Get(key);
  return value.has_value() ? std::string(*value) : "<absent>";
}

std::vector<std::string> FamiliesIn(const std::string& directory) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), directory, &names).ok());
  std::sort(names.begin(), names.end());
  return names;
}

// Returns the keys stored in column family `family` of the closed database in `directory`.
std::vector<std::string> KeysIn(const std::string& directory, const std::string& family) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : FamiliesIn(directory)) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), directory, descriptors, &handles, &raw)
              .ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::vector<std::string> keys;
  for (size_t i = 0; i < descriptors.size(); ++i) {
    if (descriptors[i].name == family) {
      std::unique_ptr<rocksdb::Iterator> iterator(
          db->NewIterator(rocksdb::ReadOptions(), handles[i]));
      for (iterator->SeekToFirst(); iterator->Valid(); iterator->Next()) {
        keys.push_back(iterator->key().ToString());
      }
    }
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    REQUIRE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  return keys;
}

TEST_CASE("rocksdb state: closing without a flush loses exactly the uncommitted writes") {
  for (const bool write_ahead_log : {true, false}) {
    CAPTURE(write_ahead_log);
    TemporaryDirectory directory;
    auto instance = Open(directory, write_ahead_log);
    KeyValueStore& table = instance->GetKeyValueStore("q1.Table.Materialize");
    WindowStore& windows = instance->GetWindowStore("q1.Window.Materialize");
    table.Put("a", "committed");
    table.Put("b", "committed");
    windows.Put({"k", 0, 10, 0}, "committed");
    instance->Flush({{"offsets", "10"}});
    // The crash model: these writes and this metadata are never committed.
    table.Put("a", "lost overwrite");
    table.Delete("b");
    table.Put("c", "lost insert");
    windows.Put({"k", 10, 20, 0}, "lost window");
    windows.ExpireBefore(5);
    instance->Close();

    instance = Open(directory, write_ahead_log);
    KeyValueStore& table_again = instance->GetKeyValueStore("q1.Table.Materialize");
    CHECK(ValueOf(table_again, "a") == "committed");
    CHECK(ValueOf(table_again, "b") == "committed");
    CHECK(ValueOf(table_again, "c") == "<absent>");
    WindowStore& windows_again = instance->GetWindowStore("q1.Window.Materialize");
    CHECK(windows_again.Get({"k", 0, 10, 0}) == std::optional<std::string_view>("committed"));
    CHECK_FALSE(windows_again.Get({"k", 10, 20, 0}).has_value());
    CHECK(instance->ReadMetadata("offsets") == "10");
  }
}

TEST_CASE("rocksdb state: the database keeps one column family per store") {
  TemporaryDirectory directory;
  auto instance = Open(directory);
  instance->GetKeyValueStore("q1.Aggregate.Materialize").Put("k", "v");
  instance->GetWindowStore("q1.Window.Materialize").Put({"k", 0, 1, 0}, "v");
  instance->Flush();
  instance->Close();
  const std::vector<std::string> expected = {"default",
                                             "fluxo#metadata",
                                             "q1.Aggregate.Materialize",
                                             "q1.Window.Materialize",
                                             "q1.Window.Materialize#by-key"};
  CHECK(FamiliesIn(directory.path()) == expected);
  CHECK(KeysIn(directory.path(), "q1.Aggregate.Materialize") == std::vector<std::string>{"k"});
}

TEST_CASE("rocksdb state: a store keeps its kind across a reopen") {
  TemporaryDirectory directory;
  auto instance = Open(directory);
  instance->GetKeyValueStore("q1.A.kv");
  instance->GetWindowStore("q1.A.windows");
  instance->Close();
  instance = Open(directory);
  CHECK_THROWS_AS(instance->GetWindowStore("q1.A.kv"), Error);
  CHECK_THROWS_AS(instance->GetKeyValueStore("q1.A.windows"), Error);
  CHECK_NOTHROW(instance->GetKeyValueStore("q1.A.kv"));
  CHECK_NOTHROW(instance->GetWindowStore("q1.A.windows"));
}

TEST_CASE("rocksdb state: a second instance cannot open a database in use") {
  TemporaryDirectory directory;
  auto instance = Open(directory);
  try {
    Open(directory);
    FAIL("the second open succeeded");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kIo);
  }
}

/// Records what a FlushListener sees.
class RecordingListener final : public FlushListener {
 public:
  using Entry = std::tuple<std::string, std::string, std::optional<std::string>>;

  void OnFlushedEntry(std::string_view store_name,
                      std::string_view stored_key,
                      std::optional<std::string_view> value) override {
    if (fail) {
      throw Error(ErrorKind::kIo, "the changelog is down");
    }
    entries.emplace_back(store_name,
                         stored_key,
                         value.has_value() ? std::optional<std::string>(*value) : std::nullopt);
  }

  void OnWindowsExpired(std::string_view store_name, int64_t start_ms) override {
    expiries.emplace_back(store_name, start_ms);
  }

  bool fail = false;
  std::vector<Entry> entries;
  std::vector<std::pair<std::string, int64_t>> expiries;
};

TEST_CASE("rocksdb state: the flush listener sees each committed write once") {
  TemporaryDirectory directory;
  auto instance = Open(directory);
  RecordingListener listener;
  instance->SetFlushListener(&listener);
  KeyValueStore& table = instance->GetKeyValueStore("q1.T.kv");
  WindowStore& windows = instance->GetWindowStore("q1.W.windows");
  table.Put("b", "2");
  table.Put("a", "0");
  table.Put("a", "1");
  table.Delete("c");
  windows.Put({"k", 0, 10, 0}, "expires before the commit");
  windows.Put({"k", 10, 20, 0}, "w");
  windows.ExpireBefore(5);
  instance->Flush();

  // The window's time-first key, worked out by hand: start 10 and end 20 as ordered int64s
  // (sign bit flipped, big-endian), the key "k" between them, then sequence 0.
  const std::string window_key = std::string("\x80\0\0\0\0\0\0\x0A", 8) + "k" +
                                 std::string("\x80\0\0\0\0\0\0\x14", 8) + std::string(8, '\0');
  const std::vector<RecordingListener::Entry> expected = {
      {"q1.T.kv", "a", "1"},
      {"q1.T.kv", "b", "2"},
      {"q1.T.kv", "c", std::nullopt},
      {"q1.W.windows", window_key, "w"},
  };
  CHECK(listener.entries == expected);
  CHECK(listener.expiries == std::vector<std::pair<std::string, int64_t>>{{"q1.W.windows", 5}});

  listener.entries.clear();
  instance->Flush();
  CHECK(listener.entries.empty());
}

TEST_CASE("rocksdb state: a failed flush keeps the writes for the next one") {
  TemporaryDirectory directory;
  auto instance = Open(directory);
  RecordingListener listener;
  listener.fail = true;
  instance->SetFlushListener(&listener);
  instance->GetKeyValueStore("q1.T.kv").Put("a", "1");
  CHECK_THROWS_AS(instance->Flush({{"offsets", "1"}}), Error);
  listener.fail = false;
  instance->Flush({{"offsets", "1"}});
  CHECK(listener.entries.size() == 1);
  instance->Close();
  instance = Open(directory);
  CHECK(ValueOf(instance->GetKeyValueStore("q1.T.kv"), "a") == "1");
  CHECK(instance->ReadMetadata("offsets") == "1");
}

TEST_CASE("rocksdb state: expiry removes the window index entries in the same commit") {
  TemporaryDirectory directory;
  const std::string name = "q1.Join.Left";
  auto instance = Open(directory);
  {
    WindowStore& buffer = instance->GetWindowStore(name);
    buffer.Put({"k", 0, 0, 1}, "old");
    buffer.Put({"j", 10, 10, 2}, "old");
    buffer.Put({"k", 100, 100, 3}, "new");
    instance->Flush();
    buffer.Put({"j", 20, 20, 4}, "old, uncommitted");
    buffer.ExpireBefore(50);
    buffer.Put({"k", 30, 30, 5}, "late, written after the expiry");
    instance->Flush();
  }
  instance->Close();
  CHECK(KeysIn(directory.path(), name).size() == 2);
  CHECK(KeysIn(directory.path(), name + "#by-key").size() == 2);
}

TEST_CASE("rocksdb state: the cache holds uncommitted writes beyond its capacity") {
  TemporaryDirectory directory;
  auto instance = Open(directory, /*write_ahead_log=*/true, /*cache_capacity_bytes=*/1);
  KeyValueStore& store = instance->GetKeyValueStore("q1.T.kv");
  CHECK(instance->DirtyBytes() == 0);
  for (int i = 0; i < 100; ++i) {
    store.Put("key" + std::to_string(i), "value" + std::to_string(i));
  }
  CHECK(instance->DirtyBytes() > 0);
  for (int i = 0; i < 100; ++i) {
    CHECK(ValueOf(store, "key" + std::to_string(i)) == "value" + std::to_string(i));
  }
  instance->Flush();
  CHECK(instance->DirtyBytes() == 0);
  for (int i = 0; i < 100; ++i) {
    CHECK(ValueOf(store, "key" + std::to_string(i)) == "value" + std::to_string(i));
  }
}

}  // namespace
}  // namespace fluxo::state
