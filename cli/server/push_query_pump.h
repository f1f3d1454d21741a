#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/server/query_response_format.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli::server {

/// Where one push query's rows go: the query endpoints stream them to a client.
class PushQueryListener {
 public:
  virtual ~PushQueryListener() = default;

  /// New rows, in the order the query produced them. Called on the pump's thread.
  virtual void OnRows(const std::vector<engine::PushQueryRow>& rows) = 0;

  /// The query ended (after its last OnRows). Called once, on the pump's thread.
  virtual void OnEnd(QueryEnd end) = 0;

  /// True once nobody reads the rows (the client disconnected or reset its HTTP/2 stream):
  /// the pump then closes the query.
  virtual bool abandoned() const = 0;
};

/// Drives the server's open push queries. Every `interval` it reads the new rows of all of
/// them in one EngineHost::Call and hands each query's rows to its listener. A query ends when
/// its LIMIT is reached, when Close() asks for it (/close-query), or when its listener is
/// abandoned; the pump then closes it in the engine (Engine::ClosePushQuery), which releases
/// its resources. At most `max_open` queries are open at once (TryReserve).
class PushQueryPump {
 public:
  PushQueryPump(engine::EngineHost& host, size_t max_open, std::chrono::milliseconds interval);
  /// Stops the pump (Stop()).
  ~PushQueryPump();

  PushQueryPump(const PushQueryPump&) = delete;
  PushQueryPump& operator=(const PushQueryPump&) = delete;

  void Start();

  /// Stops the pump's thread, then closes every open query (listeners get OnEnd(kClosed)).
  void Stop();

  /// Reserves room for one more query before it starts; false when `max_open` queries are
  /// open or reserved. Add() or CancelReservation() must follow a successful call.
  bool TryReserve();
  void CancelReservation();

  /// Starts pumping push query `query_id`, turning a reservation into an open query.
  void Add(const std::string& query_id, std::shared_ptr<PushQueryListener> listener);

  /// Asks for `query_id` to end (on the pump's next turn); false when no such query is open.
  bool Close(const std::string& query_id);

  /// Queries open now.
  size_t open_count() const;

 private:
  struct OpenQuery {
    std::shared_ptr<PushQueryListener> listener;
    bool close_requested = false;
  };

  void Run();
  /// One turn: reads every open query's rows and ends the queries that are over.
  void Turn();

  engine::EngineHost& host_;
  const size_t max_open_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, OpenQuery> open_;  ///< Guarded by mutex_.
  size_t reserved_ = 0;                    ///< Guarded by mutex_.
  bool stopping_ = false;                  ///< Guarded by mutex_.
  std::thread thread_;
};

}  // namespace fluxo::cli::server
