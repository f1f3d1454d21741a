// TaskThreads, the stream threads of a query: every item of a turn runs once, items run at the
// same time on different threads, and an exception comes back to the caller after the turn.

#include "runtime/engine/task_threads.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo::engine {

TEST_SUITE("engine.task_threads") {
  TEST_CASE("every item of every turn runs once") {
    TaskThreads threads(3);
    for (size_t turn = 0; turn < 50; ++turn) {
      const size_t count = turn % 7;
      std::vector<std::atomic<int>> runs(count);
      threads.ForEach(count, [&](size_t index) { ++runs[index]; });
      for (size_t index = 0; index < count; ++index) {
        CHECK(runs[index].load() == 1);
      }
    }
  }

  TEST_CASE("items run at the same time on different threads") {
    TaskThreads threads(1);
    // Each of the two items waits until the other has started: with one thread the first would
    // wait in vain (for at most 10 s).
    std::mutex mutex;
    std::condition_variable changed;
    int started = 0;
    std::vector<std::thread::id> ids(2);
    std::atomic<int> met{0};
    threads.ForEach(2, [&](size_t index) {
      ids[index] = std::this_thread::get_id();
      std::unique_lock lock(mutex);
      ++started;
      changed.notify_all();
      if (changed.wait_for(lock, std::chrono::seconds(10), [&] { return started == 2; })) {
        ++met;
      }
    });
    CHECK(met.load() == 2);
    CHECK(ids[0] != ids[1]);
  }

  TEST_CASE("an item's exception comes back after the other items ran") {
    TaskThreads threads(2);
    std::atomic<int> ran{0};
    CHECK_THROWS_WITH_AS(threads.ForEach(5,
                                         [&](size_t index) {
                                           ++ran;
                                           if (index == 1) {
                                             throw std::runtime_error("task 1 failed");
                                           }
                                         }),
                         "task 1 failed",
                         std::runtime_error);
    CHECK(ran.load() == 5);
    // The threads serve the next turn as before.
    ran = 0;
    threads.ForEach(4, [&](size_t) { ++ran; });
    CHECK(ran.load() == 4);
  }
}

}  // namespace fluxo::engine
