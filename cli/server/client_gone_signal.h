#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace fluxo::cli::server {

/// Whether the client of one response has gone, as the transports' writers report it: raised
/// once (on the I/O thread), read from any thread, with the callbacks subscribed before it was
/// raised run when it is, and those subscribed after run at once.
class ClientGoneSignal {
 public:
  bool raised() const { return raised_.load(); }

  void Subscribe(std::function<void()> callback) {
    std::unique_lock lock(mutex_);
    if (raised_.load()) {
      lock.unlock();
      callback();
      return;
    }
    callbacks_.push_back(std::move(callback));
  }

  void Raise() {
    std::vector<std::function<void()>> callbacks;
    {
      std::lock_guard lock(mutex_);
      if (raised_.exchange(true)) {
        return;
      }
      callbacks.swap(callbacks_);
    }
    for (const auto& callback : callbacks) {
      callback();
    }
  }

 private:
  std::atomic<bool> raised_{false};
  std::mutex mutex_;
  std::vector<std::function<void()>> callbacks_;
};

}  // namespace fluxo::cli::server
