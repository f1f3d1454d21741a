#include "runtime/engine/engine_host.h"

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::engine {

EngineHost::EngineHost(std::unique_ptr<Engine> engine, std::chrono::milliseconds idle_wait)
    : engine_(std::move(engine)), idle_wait_(idle_wait) {}

EngineHost::~EngineHost() {
  Stop();
}

void EngineHost::Start() {
  if (driver_.joinable()) {
    return;
  }
  stopping_ = false;
  // Records arriving cut an idle wait short (the wait stays as the longest one).
  engine_->NotifyOnRecords([this] { Wake(); });
  driver_ = std::thread([this] { Drive(); });
}

void EngineHost::Stop() {
  if (!driver_.joinable()) {
    return;
  }
  stopping_ = true;
  Wake();
  driver_.join();
  engine_->NotifyOnRecords({});
  const std::lock_guard lock(engine_mutex_);
  engine_->CommitQueries();
}

void EngineHost::Drive() {
  while (!stopping_) {
    while (callers_waiting_ > 0) {
      std::this_thread::yield();
    }
    size_t read = 0;
    {
      const std::lock_guard lock(engine_mutex_);
      FollowCommandTopic();
      read = engine_->PollQueries();
    }
    records_read_ += read;
    if (read == 0) {
      std::unique_lock lock(wake_mutex_);
      wake_.wait_for(lock, idle_wait_, [this] { return woken_ || stopping_.load(); });
      woken_ = false;
    }
  }
}

void EngineHost::FollowCommandTopic() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_follow_ < kFollowInterval) {
    return;
  }
  last_follow_ = now;
  try {
    engine_->FollowCommandTopic();
  } catch (const Error& error) {
    LogLine(LogLevel::kWarning, "Cannot follow the command topic: " + error.message());
  }
}

void EngineHost::Wake() {
  {
    const std::lock_guard lock(wake_mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

}  // namespace fluxo::engine
