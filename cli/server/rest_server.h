#pragma once

#include <cstdint>
#include <memory>

#include "cli/server/command_log.h"
#include "cli/server/http_server.h"
#include "cli/server/push_query_pump.h"
#include "cli/server/request_metrics.h"
#include "cli/server/rest_context.h"
#include "cli/server/rest_service.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli::server {

/// ksqlDB's REST API over one EngineHost, on HTTP/1.1 and h2c: what `fluxo server` and
/// `fluxo run --listen` start. Owns the HTTP server, the push-query pump and the counters.
class RestServer {
 public:
  /// `host` must outlive the server.
  RestServer(engine::EngineHost& host, RestOptions options);
  /// Stops the server (Stop()).
  ~RestServer();

  RestServer(const RestServer&) = delete;
  RestServer& operator=(const RestServer&) = delete;

  /// Starts listening. Throws fluxo::Error (kIo) when the address cannot be bound.
  void Start();

  /// Stops listening, closes every connection, then closes the open push queries.
  void Stop();

  /// The port listened on (useful with port 0).
  uint16_t port() const { return http_.port(); }

 private:
  RestOptions options_;
  RequestMetrics request_metrics_;
  CommandLog commands_;
  PushQueryPump push_queries_;
  RestService service_;
  HttpServer http_;
};

}  // namespace fluxo::cli::server
