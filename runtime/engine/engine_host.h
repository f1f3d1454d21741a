#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "runtime/engine/engine.h"

namespace fluxo::engine {

/// Runs one Engine for a front end that lives longer than a statement: `fluxo run`, the
/// shell and the REST server. A background thread gives the persistent queries their turns
/// (Engine::PollQueries), and every front-end call goes through Call(), which runs it on the
/// caller's thread between two turns, so the engine itself stays single-threaded. About twice
/// a second it also runs what other servers with the same service id added to the command
/// topic (Engine::FollowCommandTopic; nothing without a command topic).
class EngineHost {
 public:
  /// `idle_wait`: how long the driving thread sleeps after a turn that read nothing.
  explicit EngineHost(std::unique_ptr<Engine> engine,
                      std::chrono::milliseconds idle_wait = std::chrono::milliseconds(10));
  /// Stops the driving thread (Stop()).
  ~EngineHost();

  EngineHost(const EngineHost&) = delete;
  EngineHost& operator=(const EngineHost&) = delete;

  /// Starts the driving thread. Calling it twice is harmless.
  void Start();

  /// Lets the current turn finish (each query's batch processed, its state flushed and its
  /// offsets committed), then stops the driving thread. Queries resume on Start().
  void Stop();

  /// Runs `function(engine)` with the engine to itself and returns what it returns (or
  /// rethrows what it throws). Wakes the driving thread afterwards: a statement may have
  /// started a query or produced input.
  template <typename Function>
  decltype(auto) Call(Function&& function) {
    struct Wake {
      EngineHost* host;

      ~Wake() { host->Wake(); }
    } wake{this};

    return Inspect(std::forward<Function>(function));
  }

  /// As Call, without waking the driving thread: for calls that only read (a push query's new
  /// rows, metrics), so that a front end polling them does not make idle queries poll too.
  template <typename Function>
  decltype(auto) Inspect(Function&& function) {
    ++callers_waiting_;
    std::unique_lock lock(engine_mutex_);
    --callers_waiting_;
    return std::forward<Function>(function)(*engine_);
  }

  /// The number of records the queries have read since Start().
  size_t records_read() const { return records_read_.load(); }

 private:
  void Drive();
  void Wake();
  /// Engine::FollowCommandTopic when kFollowInterval has passed since the last time.
  void FollowCommandTopic();

  static constexpr std::chrono::milliseconds kFollowInterval{500};

  std::unique_ptr<Engine> engine_;
  std::chrono::milliseconds idle_wait_;
  std::mutex engine_mutex_;  ///< Held for a turn of the queries or one Call().
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool woken_ = false;  ///< Guarded by wake_mutex_.
  std::atomic<bool> stopping_{false};
  std::atomic<int> callers_waiting_{0};  ///< Call()s waiting: the driver lets them go first.
  std::atomic<size_t> records_read_{0};
  std::chrono::steady_clock::time_point last_follow_ = std::chrono::steady_clock::now();
  std::thread driver_;
};

}  // namespace fluxo::engine
