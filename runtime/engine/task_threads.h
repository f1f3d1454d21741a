#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fluxo::engine {

/// The stream threads of a query (`num.stream.threads`): runs a turn's work items on the
/// calling thread and on threads of its own, which wait for the next turn in between. A query
/// hands it one item per task, so that its tasks are polled at the same time.
class TaskThreads {
 public:
  /// Starts `extra_threads` threads besides the caller's.
  explicit TaskThreads(size_t extra_threads);
  /// Stops and joins the threads.
  ~TaskThreads();

  TaskThreads(const TaskThreads&) = delete;
  TaskThreads& operator=(const TaskThreads&) = delete;

  /// Calls work(index) once for every index in [0, count), each on one of the threads, and
  /// returns when every call has returned; then rethrows the first exception one threw.
  /// Not reentrant: one turn at a time.
  void ForEach(size_t count, const std::function<void(size_t)>& work);

 private:
  /// Takes the turn's items one by one until none is left.
  void TakeItems();
  /// A thread of its own: waits for a turn, takes items, waits again.
  void Serve();

  std::mutex mutex_;
  std::condition_variable turn_started_;
  std::condition_variable turn_done_;
  const std::function<void(size_t)>* work_ = nullptr;  ///< The turn's work; guarded.
  size_t count_ = 0;                                   ///< Items this turn; guarded.
  size_t next_ = 0;                                    ///< The next item to take; guarded.
  size_t running_ = 0;                                 ///< Items taken and not finished; guarded.
  size_t turn_ = 0;        ///< Counts turns, so that a thread takes part once per turn; guarded.
  bool stopping_ = false;  ///< Guarded.
  std::exception_ptr failure_;  ///< The turn's first exception; guarded.
  std::vector<std::thread> threads_;
};

}  // namespace fluxo::engine
