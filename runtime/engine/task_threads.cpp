#include "runtime/engine/task_threads.h"

namespace fluxo::engine {

TaskThreads::TaskThreads(size_t extra_threads) {
  threads_.reserve(extra_threads);
  for (size_t thread = 0; thread < extra_threads; ++thread) {
    threads_.emplace_back([this] { Serve(); });
  }
}

TaskThreads::~TaskThreads() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  turn_started_.notify_all();
  for (std::thread& thread : threads_) {
    thread.join();
  }
}

void TaskThreads::ForEach(size_t count, const std::function<void(size_t)>& work) {
  {
    const std::lock_guard lock(mutex_);
    work_ = &work;
    count_ = count;
    next_ = 0;
    running_ = 0;
    failure_ = nullptr;
    ++turn_;
  }
  turn_started_.notify_all();
  TakeItems();
  std::unique_lock lock(mutex_);
  turn_done_.wait(lock, [this] { return next_ >= count_ && running_ == 0; });
  work_ = nullptr;
  if (failure_ != nullptr) {
    std::rethrow_exception(failure_);
  }
}

void TaskThreads::TakeItems() {
  std::unique_lock lock(mutex_);
  while (work_ != nullptr && next_ < count_) {
    const size_t index = next_++;
    ++running_;
    const std::function<void(size_t)>& work = *work_;
    lock.unlock();
    std::exception_ptr failure;
    try {
      work(index);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    if (failure != nullptr && failure_ == nullptr) {
      failure_ = failure;
    }
    --running_;
  }
  if (next_ >= count_ && running_ == 0) {
    turn_done_.notify_all();
  }
}

void TaskThreads::Serve() {
  size_t served = 0;  // The last turn this thread took part in.
  while (true) {
    {
      std::unique_lock lock(mutex_);
      turn_started_.wait(lock, [&] { return stopping_ || turn_ != served; });
      if (stopping_) {
        return;
      }
      served = turn_;
    }
    TakeItems();
  }
}

}  // namespace fluxo::engine
