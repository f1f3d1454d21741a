#include "runtime/state/write_back_cache.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo::state {
namespace {

std::optional<std::string> Lookup(WriteBackCache& cache, std::string_view key) {
  const WriteBackCache::CachedValue* cached = cache.Find(key);
  if (cached == nullptr) {
    return "<not cached>";
  }
  return *cached;
}

std::vector<std::string> DirtyKeys(const WriteBackCache& cache) {
  std::vector<std::string> keys;
  for (const auto& [key, entry] : cache.dirty()) {
    keys.push_back(key);
  }
  return keys;
}

TEST_CASE("write-back cache: writes are dirty until flushed") {
  CacheBudget budget{size_t{1} << 20, 0};
  WriteBackCache cache(budget, /*keep_flushed=*/true);
  cache.Write("b", "2");
  cache.Write("a", "1");
  cache.Write("c", std::nullopt);
  CHECK(DirtyKeys(cache) == std::vector<std::string>{"a", "b", "c"});
  CHECK(Lookup(cache, "a") == "1");
  CHECK(Lookup(cache, "c") == std::nullopt);  // A pending delete.
  CHECK(Lookup(cache, "d") == "<not cached>");
  CHECK(cache.HasValue("a"));
  CHECK_FALSE(cache.HasValue("c"));
  CHECK(cache.dirty_values() == 2);
  CHECK(cache.dirty_bytes() > 0);
  CHECK(budget.used_bytes == cache.dirty_bytes());

  cache.MarkFlushed();
  CHECK(cache.dirty().empty());
  CHECK(cache.dirty_bytes() == 0);
  CHECK(cache.dirty_values() == 0);
  CHECK(Lookup(cache, "a") == "1");             // Kept clean.
  CHECK(Lookup(cache, "c") == "<not cached>");  // Deletes are done once committed.
  cache.Write("a", "1b");
  CHECK(DirtyKeys(cache) == std::vector<std::string>{"a"});
  CHECK(Lookup(cache, "a") == "1b");
}

TEST_CASE("write-back cache: clean entries are evicted least recently used first") {
  // Room for two clean entries of this size, not three.
  WriteBackCache::CachedValue sample = std::string(100, 'v');
  CacheBudget budget{2 * (1 + 100 + 96) + 10, 0};
  WriteBackCache cache(budget, /*keep_flushed=*/true);
  cache.InsertClean("a", std::string(100, 'a'));
  cache.InsertClean("b", std::string(100, 'b'));
  CHECK(Lookup(cache, "a") == std::string(100, 'a'));  // "b" is now the least recently used.
  cache.InsertClean("c", std::string(100, 'c'));
  CHECK(Lookup(cache, "b") == "<not cached>");
  CHECK(Lookup(cache, "a") == std::string(100, 'a'));
  CHECK(Lookup(cache, "c") == std::string(100, 'c'));
  CHECK(budget.used_bytes <= budget.capacity_bytes);
}

TEST_CASE("write-back cache: dirty entries are never evicted") {
  CacheBudget budget{1, 0};
  WriteBackCache cache(budget, /*keep_flushed=*/true);
  for (int i = 0; i < 10; ++i) {
    cache.Write("key" + std::to_string(i), "value");
  }
  CHECK(cache.dirty().size() == 10);
  // A clean entry just read stays until the next call, even over budget.
  CHECK(cache.InsertClean("read", "value") == "value");
  cache.Write("key0", "again");
  CHECK(Lookup(cache, "read") == "<not cached>");
  cache.MarkFlushed();
  CHECK(Lookup(cache, "key5") == "<not cached>");  // Clean now, and over budget.
  CHECK(budget.used_bytes == 0);
}

TEST_CASE("write-back cache: dropping keys") {
  CacheBudget budget{size_t{1} << 20, 0};
  WriteBackCache cache(budget, /*keep_flushed=*/true);
  cache.InsertClean("a", "clean");
  cache.Write("b", "dirty");
  cache.Write("d", "dirty");
  cache.InsertClean("e", "clean");
  cache.DropBelow("c");
  CHECK(Lookup(cache, "a") == "<not cached>");
  CHECK(Lookup(cache, "b") == "<not cached>");
  CHECK(Lookup(cache, "d") == "dirty");
  CHECK(Lookup(cache, "e") == "clean");
  cache.Write("f", "dirty");
  cache.DropDirtyIf([](std::string_view key) { return key == "f"; });
  CHECK(DirtyKeys(cache) == std::vector<std::string>{"d"});
}

TEST_CASE("write-back cache: without keep_flushed, flushed entries go") {
  CacheBudget budget{size_t{1} << 20, 0};
  {
    WriteBackCache cache(budget, /*keep_flushed=*/false);
    cache.Write("a", "");
    cache.MarkFlushed();
    CHECK(Lookup(cache, "a") == "<not cached>");
    cache.Write("b", "");
    CHECK(budget.used_bytes > 0);
  }
  CHECK(budget.used_bytes == 0);  // A cache gives its bytes back when it goes.
}

}  // namespace
}  // namespace fluxo::state
