#include "cli/server/push_query_pump.h"

#include <optional>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::cli::server {

PushQueryPump::PushQueryPump(engine::EngineHost& host,
                             size_t max_open,
                             std::chrono::milliseconds interval)
    : host_(host), max_open_(max_open), interval_(interval) {}

PushQueryPump::~PushQueryPump() {
  Stop();
}

void PushQueryPump::Start() {
  std::lock_guard lock(mutex_);
  if (!thread_.joinable() && !stopping_) {
    thread_ = std::thread([this] { Run(); });
  }
}

void PushQueryPump::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  std::map<std::string, OpenQuery> remaining;
  {
    std::lock_guard lock(mutex_);
    remaining.swap(open_);
  }
  if (remaining.empty()) {
    return;
  }
  host_.Call([&](engine::Engine& engine) {
    for (const auto& [query_id, query] : remaining) {
      if (engine.IsPushQueryRunning(query_id)) {
        engine.ClosePushQuery(query_id);
      }
    }
  });
  for (auto& [query_id, query] : remaining) {
    query.listener->OnEnd(QueryEnd::kClosed);
  }
}

bool PushQueryPump::TryReserve() {
  std::lock_guard lock(mutex_);
  if (stopping_ || open_.size() + reserved_ >= max_open_) {
    return false;
  }
  ++reserved_;
  return true;
}

void PushQueryPump::CancelReservation() {
  std::lock_guard lock(mutex_);
  if (reserved_ > 0) {
    --reserved_;
  }
}

void PushQueryPump::Add(const std::string& query_id, std::shared_ptr<PushQueryListener> listener) {
  {
    std::lock_guard lock(mutex_);
    if (reserved_ > 0) {
      --reserved_;
    }
    open_[query_id] = OpenQuery{std::move(listener), false};
  }
  wake_.notify_all();
}

bool PushQueryPump::Close(const std::string& query_id) {
  {
    std::lock_guard lock(mutex_);
    const auto found = open_.find(query_id);
    if (found == open_.end()) {
      return false;
    }
    found->second.close_requested = true;
  }
  wake_.notify_all();
  return true;
}

size_t PushQueryPump::open_count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

void PushQueryPump::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (open_.empty()) {
      // Nothing to read: sleep until a query is added (or the pump stops).
      wake_.wait(lock, [this] { return stopping_ || !open_.empty(); });
    } else {
      wake_.wait_for(lock, interval_);
    }
    if (stopping_ || open_.empty()) {
      continue;
    }
    lock.unlock();
    try {
      Turn();
    } catch (const std::exception& failure) {
      LogLine(LogLevel::kError, std::string("Push queries: ") + failure.what());
    }
    lock.lock();
  }
}

void PushQueryPump::Turn() {
  struct Work {
    std::string query_id;
    std::shared_ptr<PushQueryListener> listener;
    bool close = false;
    std::vector<engine::PushQueryRow> rows;
    std::optional<QueryEnd> end;
  };

  std::vector<Work> work;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [query_id, query] : open_) {
      Work item;
      item.query_id = query_id;
      item.listener = query.listener;
      item.close = query.close_requested || query.listener->abandoned();
      work.push_back(std::move(item));
    }
  }
  host_.Inspect([&](engine::Engine& engine) {
    for (Work& query : work) {
      if (!engine.IsPushQueryRunning(query.query_id)) {
        query.end = QueryEnd::kLimitReached;  // Ended by the engine since the last turn.
        continue;
      }
      if (query.close) {
        engine.ClosePushQuery(query.query_id);
        query.end = QueryEnd::kClosed;
        continue;
      }
      try {
        query.rows = engine.ReadPushQuery(query.query_id);
      } catch (const Error& error) {
        LogLine(LogLevel::kError,
                "Push query " + query.query_id + " cannot be read: " + error.message());
        engine.ClosePushQuery(query.query_id);
        query.end = QueryEnd::kClosed;
        continue;
      }
      if (!engine.IsPushQueryRunning(query.query_id)) {
        query.end = QueryEnd::kLimitReached;
      }
    }
  });
  for (Work& query : work) {
    if (!query.rows.empty()) {
      query.listener->OnRows(query.rows);
    }
    if (query.end.has_value()) {
      query.listener->OnEnd(*query.end);
      std::lock_guard lock(mutex_);
      open_.erase(query.query_id);
    }
  }
}

}  // namespace fluxo::cli::server
